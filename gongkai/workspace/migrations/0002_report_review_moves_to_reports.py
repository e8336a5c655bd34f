"""The report's review moves to ``reports`` (issue 10): the table is renamed, its
rows and ids kept, and the model leaves this app's state. ``reports`` 0002 takes
the model into its state and moves the content type, so the events written about
each review still find it."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("workspace", "0001_report_review"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(
                    name="ReportReview", table="reports_reportreview"
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name="ReportReview"),
            ],
        ),
    ]
