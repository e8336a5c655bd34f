"""Attachments are stored under random names (gongkai.core.files); files stored
before keep their paths, which the database still names."""

import gongkai.core.files
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_search_tiers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                upload_to=gongkai.core.files.RandomName("catalog/attachments"),
                verbose_name="file",
            ),
        ),
    ]
