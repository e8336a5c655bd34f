from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("applications", "0007_delivery_details")]

    operations = [
        migrations.AddField(
            model_name="application",
            name="sms_opt_out",
            field=models.BooleanField(
                default=False,
                help_text="The applicant asked not to be sent notices by SMS.",
                verbose_name="no SMS notices",
            ),
        ),
    ]
