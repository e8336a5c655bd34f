"""The admin lets administrators look up the ledger and correct reference data, in
Chinese; it never writes an event by hand, and writes ledger records only through
their services."""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from gongkai.agencies.models import Agency, AttestedFigure
from gongkai.core.events import event_record
from gongkai.core.models import Event
from gongkai.testing import factories


@pytest.fixture
def region(db):
    """A city government with a department, and a county elsewhere."""
    province = Agency.objects.create(
        name="贵州省人民政府", level="province", kind="government"
    )
    city = Agency.objects.create(
        name="兴义市人民政府", level="county", kind="government", parent=province
    )
    department = Agency.objects.create(
        name="兴义市应急管理局", level="county", kind="department", parent=city
    )
    elsewhere = Agency.objects.create(
        name="安龙县人民政府", level="county", kind="government", parent=province
    )
    return {"city": city, "department": department, "elsewhere": elsewhere}


def _gongkai_models():
    return sorted(
        (
            model
            for model in admin.site._registry
            if model.__module__.startswith("gongkai.")
        ),
        key=lambda model: model._meta.label,
    )


@pytest.mark.parametrize("model", _gongkai_models(), ids=lambda m: m._meta.label)
def test_every_list_page_opens(admin_client, region, model):
    """Each registered model's list, with its filters, opens for an administrator."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_region_filter_keeps_a_government_and_the_agencies_under_it(
    admin_client, region
):
    url = reverse("admin:agencies_agency_changelist")
    response = admin_client.get(url, {"region": region["city"].pk})
    names = [agency.name for agency in response.context["cl"].result_list]
    assert names == ["兴义市人民政府", "兴义市应急管理局"]


def test_agency_list_is_in_chinese(admin_client, region):
    response = admin_client.get(reverse("admin:agencies_agency_changelist"))
    assert "统一社会信用代码" in response.content.decode()


def test_attesting_a_figure_records_who_attested_it(admin_client, admin_user, region):
    """A figure saved in the admin is attested by the person saving it, with an
    event in the audit trail."""
    response = admin_client.post(
        reverse("admin:agencies_attestedfigure_add"),
        {
            "agency": region["department"].pk,
            "year": 2019,
            "key": "penalty.decisions",
            "value": "12",
            "source_document": "兴义市应急管理局2019年行政处罚台账",
        },
    )
    assert response.status_code == 302
    figure = AttestedFigure.objects.get()
    assert figure.attested_by == admin_user
    assert figure.value == 12
    assert Event.objects.filter(verb="figure_attested", actor=admin_user).count() == 1


def test_a_published_report_version_cannot_be_edited_in_the_admin(admin_client, db):
    """Published versions are frozen; a correction is a new version."""
    response = admin_client.get(reverse("admin:reports_reportversion_add"))
    assert response.status_code == 403


def test_closed_filter_lists_only_closed_applications(admin_client, region):
    from gongkai.applications.models import Application

    common = {
        "agency": region["department"],
        "channel": "online",
        "applicant_type": "natural_person",
    }
    Application.objects.create(
        tracking_number="A-1", received_on=date(2019, 3, 1), **common
    )
    Application.objects.create(
        tracking_number="A-2",
        received_on=date(2019, 3, 2),
        closed_on=date(2019, 3, 20),
        outcome="disclosed",
        **common,
    )
    url = reverse("admin:applications_application_changelist")
    response = admin_client.get(url, {"state": "closed"})
    assert [a.tracking_number for a in response.context["cl"].result_list] == ["A-2"]


# -- the audit log is append-only ----------------------------------------------------


def test_no_event_can_be_added_in_the_admin(admin_client, db):
    """Neither the form nor a forged POST adds an event, a superuser included."""
    url = reverse("admin:core_event_add")
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"verb": "item_published"}).status_code == 403
    assert not Event.objects.exists()


@pytest.mark.parametrize("view", ["change", "delete"])
def test_no_event_can_be_changed_or_deleted_in_the_admin(admin_client, region, view):
    event = event_record(actor=None, verb="agency_renamed", target=region["city"])
    url = reverse(f"admin:core_event_{view}", args=[event.pk])
    response = admin_client.post(url, {"verb": "forged", "post": "yes"})
    assert response.status_code == 403
    assert Event.objects.get().verb == "agency_renamed"


def test_the_event_list_offers_no_bulk_delete(admin_client, region):
    event_record(actor=None, verb="agency_renamed", target=region["city"])
    response = admin_client.get(reverse("admin:core_event_changelist"))
    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()


def test_no_admin_offers_to_add_change_or_delete_an_event(rf, admin_user):
    """No model's admin (an inline included) writes events."""
    request = rf.get("/admin/")
    request.user = admin_user
    for model_admin in admin.site._registry.values():
        inlines = model_admin.get_inline_instances(request)
        for inline in inlines:
            assert inline.model is not Event, type(model_admin).__name__
    event_admin = admin.site._registry[Event]
    assert not event_admin.has_add_permission(request)
    assert not event_admin.has_change_permission(request)
    assert not event_admin.has_delete_permission(request)


# -- the applicants' personal data ---------------------------------------------------


@pytest.fixture
def applicant(db):
    from gongkai.applications.models import Applicant

    return Applicant.objects.create(
        name="张三",
        applicant_type="natural_person",
        id_kind="id_card",
        id_number="520102199001011234",
        phone="13812345678",
        email="zhangsan@example.com",
        address="贵州省贵阳市南明区花果园大街1号",
    )


def test_the_applicant_list_masks_personal_data(admin_client, applicant):
    response = admin_client.get(reverse("admin:applications_applicant_changelist"))
    page = response.content.decode()
    assert "5201**********1234" in page
    assert "138****5678" in page
    assert "z*******@example.com" in page
    assert "贵州省贵阳市" + "*" * 10 in page
    for secret in ("520102199001011234", "13812345678", "zhangsan@", "花果园"):
        assert secret not in page


@pytest.mark.parametrize(
    ("value", "head", "tail", "shown"),
    [
        ("520102199001011234", 4, 4, "5201**********1234"),
        ("13812345678", 3, 4, "138****5678"),
        ("1234567", 3, 4, "*******"),  # too short to keep both ends
        ("", 3, 4, ""),
    ],
)
def test_masked_keeps_only_the_ends(value, head, tail, shown):
    from gongkai.applications.admin import masked

    assert masked(value, head=head, tail=tail) == shown


# -- ledger records change through their services only ------------------------------


LEDGER_VIEW_ONLY = [
    "applications_application",
    "applications_applicant",
    "applications_letter",
    "catalog_archivetransfer",
    "catalog_privacyscan",
    "reports_reportversion",
    "reports_narrative",
    "importer_importedreport",
]


@pytest.mark.parametrize("name", LEDGER_VIEW_ONLY)
def test_ledger_records_are_not_added_in_the_admin(admin_client, db, name):
    """No service writes them from a form here: they are shown, not added."""
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 403


@pytest.mark.parametrize("view", ["change", "delete"])
def test_an_application_is_neither_changed_nor_deleted_in_the_admin(
    admin_client, region, view
):
    from gongkai.applications.models import Application

    application = factories.ApplicationFactory(
        agency=region["department"], received_on=date(2019, 3, 1)
    )
    url = reverse(f"admin:applications_application_{view}", args=[application.pk])
    response = admin_client.post(url, {"description": "改写", "post": "yes"})
    assert response.status_code == 403
    assert Application.objects.get().description == application.description
    assert not Event.objects.exists()


def test_a_draft_item_is_not_deleted_in_the_admin(admin_client, region):
    """No service deletes an item: a plain delete would leave no event."""
    from gongkai.catalog.models import Item

    item = factories.ItemFactory(agency=region["department"], draft=True)
    url = reverse("admin:catalog_item_delete", args=[item.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Item.objects.filter(pk=item.pk).exists()


def test_an_interpretation_added_in_the_admin_is_recorded_by_the_service(
    admin_client, admin_user, region
):
    from gongkai.catalog.models import Interpretation

    response = admin_client.post(
        reverse("admin:catalog_interpretation_add"),
        {
            "agency": region["department"].pk,
            "title": "《兴义市应急管理局关于开展消防安全检查的通知》解读",
            "form": "text",  # 文字解读 (图解 and 视频 need their image or link)
            "body": "一、背景",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    interpretation = Interpretation.objects.get()
    event = Event.objects.get(verb="interpretation_recorded")
    assert event.actor == admin_user
    assert event.object_id == str(interpretation.pk)
    change = reverse("admin:catalog_interpretation_change", args=[interpretation.pk])
    assert admin_client.post(change, {"title": "改写"}).status_code == 403
