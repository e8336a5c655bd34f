from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("applications", "0009_online_corrections_receipts_letter_pdfs")]

    operations: list[migrations.operations.base.Operation] = []
