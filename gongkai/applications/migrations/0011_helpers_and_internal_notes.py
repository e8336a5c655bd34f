from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0010_transfer_between_agencies")]

    operations: list[migrations.operations.base.Operation] = []
