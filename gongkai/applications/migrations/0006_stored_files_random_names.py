"""Letters and delivery proofs are stored under random names (gongkai.core.files);
files stored before keep their paths, which the database still names."""

import gongkai.core.files
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_applicant_details_on_application"),
    ]

    operations = [
        migrations.AlterField(
            model_name="letter",
            name="file",
            field=models.FileField(
                upload_to=gongkai.core.files.RandomName("letters"),
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="delivery",
            name="proof_file",
            field=models.FileField(
                blank=True,
                upload_to=gongkai.core.files.RandomName("deliveries"),
                verbose_name="proof document",
            ),
        ),
    ]
