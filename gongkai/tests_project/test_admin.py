"""The admin lets staff look up and correct reference data, in Chinese."""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from gongkai.agencies.models import Agency, AttestedFigure
from gongkai.core.models import Event


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
