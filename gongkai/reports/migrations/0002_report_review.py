"""The report's review, moved here from ``workspace`` (issue 10), with the states of
``REPORT_WORKFLOW``; the findings a version was published despite.

The table was renamed by ``workspace`` 0002, so the model enters this app's state
without touching the database; its content type moves with it (same id, so the
events about each review keep pointing at it). A report already published is
``published`` (``corrected`` after a correction): the review's state used to stop
at ``signed_off`` and the versions said the rest.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_move(apps, schema_editor, source="workspace", target="reports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label=target, model="reportreview").delete()
    ContentType.objects.using(db).filter(app_label=source, model="reportreview").update(
        app_label=target
    )


def content_type_back(apps, schema_editor):
    content_type_move(apps, schema_editor, source="reports", target="workspace")


def published_states(apps, schema_editor):
    """Every (agency, year) with a published version gets its review's state."""
    ReportReview = apps.get_model("reports", "ReportReview")
    ReportVersion = apps.get_model("reports", "ReportVersion")
    latest: dict[tuple[int, int], int] = {}
    for agency_id, year, number in ReportVersion.objects.values_list(
        "agency_id", "year", "number"
    ):
        key = (agency_id, year)
        latest[key] = max(latest.get(key, 0), number)
    for (agency_id, year), number in latest.items():
        state = "corrected" if number > 1 else "published"
        ReportReview.objects.update_or_create(
            agency_id=agency_id, year=year, defaults={"state": state}
        )


def published_states_back(apps, schema_editor):
    ReportReview = apps.get_model("reports", "ReportReview")
    ReportReview.objects.filter(state__in=["published", "corrected"]).update(
        state="signed_off"
    )
    ReportReview.objects.filter(state="returned").update(state="draft")


class Migration(migrations.Migration):

    dependencies = [
        ("agencies", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reports", "0001_initial"),
        ("workspace", "0002_report_review_moves_to_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ReportReview",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        ("state", models.CharField(choices=[("draft", "Being compiled"), ("submitted", "Submitted for sign-off"), ("signed_off", "Signed off")], default="draft", max_length=16, verbose_name="state")),
                        ("submitted_at", models.DateTimeField(blank=True, null=True, verbose_name="submitted at")),
                        ("signed_off_at", models.DateTimeField(blank=True, null=True, verbose_name="signed off at")),
                        ("returned_reason", models.TextField(blank=True, verbose_name="reason for returning")),
                        ("agency", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="report_reviews", to="agencies.agency", verbose_name="agency")),
                        ("signed_off_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="signed off by")),
                        ("submitted_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="submitted by")),
                    ],
                    options={
                        "verbose_name": "report review",
                        "verbose_name_plural": "report reviews",
                        "constraints": [models.UniqueConstraint(fields=("agency", "year"), name="report_review_unique")],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_move, content_type_back),
        migrations.AlterField(
            model_name="reportreview",
            name="state",
            field=models.CharField(choices=[("draft", "Being compiled"), ("submitted", "Submitted for sign-off"), ("signed_off", "Signed off"), ("returned", "Returned for changes"), ("published", "Published"), ("corrected", "Corrected")], default="draft", max_length=16, verbose_name="state"),
        ),
        migrations.AddField(
            model_name="reportversion",
            name="overrides",
            field=models.JSONField(blank=True, default=list, verbose_name="overridden findings"),
        ),
        migrations.RunPython(published_states, published_states_back),
    ]
