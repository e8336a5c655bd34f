# A government's report of its region (issue 14): reviews, published versions and
# narrative sections know whether they are the agency's own or its region's.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_published_files"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="reportversion",
            options={
                "ordering": ["agency", "year", "region", "-number"],
                "verbose_name": "published report version",
                "verbose_name_plural": "published report versions",
            },
        ),
        migrations.RemoveConstraint(
            model_name="narrative",
            name="narrative_unique",
        ),
        migrations.RemoveConstraint(
            model_name="reportreview",
            name="report_review_unique",
        ),
        migrations.RemoveConstraint(
            model_name="reportversion",
            name="report_version_unique",
        ),
        migrations.AddField(
            model_name="narrative",
            name="region",
            field=models.BooleanField(default=False, verbose_name="region report"),
        ),
        migrations.AddField(
            model_name="reportreview",
            name="region",
            field=models.BooleanField(default=False, verbose_name="region report"),
        ),
        migrations.AddField(
            model_name="reportversion",
            name="region",
            field=models.BooleanField(default=False, verbose_name="region report"),
        ),
        migrations.AddConstraint(
            model_name="narrative",
            constraint=models.UniqueConstraint(
                fields=("agency", "year", "region", "key"), name="narrative_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportreview",
            constraint=models.UniqueConstraint(
                fields=("agency", "year", "region"), name="report_review_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportversion",
            constraint=models.UniqueConstraint(
                fields=("agency", "year", "region", "number"),
                name="report_version_unique",
            ),
        ),
    ]
