import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_online_corrections_receipts_letter_pdfs"),
        ("agencies", "0003_closed_years_and_adjustments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations: list[migrations.operations.base.Operation] = [
        migrations.CreateModel(
            name="Transfer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, verbose_name="note of the transferring agency"
                    ),
                ),
                ("sent_on", models.DateField(verbose_name="sent on")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "待签收"),
                            ("accepted", "已签收"),
                            ("returned", "已退回"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="signed for or returned on",
                    ),
                ),
                (
                    "return_reason",
                    models.TextField(blank=True, verbose_name="reason for returning"),
                ),
                (
                    "accepted_as",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transferred_in",
                        to="applications.application",
                        verbose_name="application at the competent agency",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transfers",
                        to="applications.application",
                        verbose_name="application transferred",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="signed for or returned by",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
                (
                    "to_agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transfers_received",
                        to="agencies.agency",
                        verbose_name="competent agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "transfer",
                "verbose_name_plural": "transfers",
                "indexes": [
                    models.Index(
                        fields=["to_agency", "state"],
                        name="transfer_to_agency_state",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("state", "pending")),
                        fields=("application",),
                        name="transfer_one_pending_per_application",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("state", "accepted"), _negated=True),
                            ("accepted_as__isnull", False),
                            _connector="OR",
                        ),
                        name="transfer_accepted_has_application",
                    ),
                ],
            },
        ),
    ]
