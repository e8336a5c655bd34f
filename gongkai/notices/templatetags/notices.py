"""The applicant's notices on the tracking page: ``{% applicant_notices application
as notices %}`` (the page's view stays the portal's; the list is this room's)."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from gongkai.applications.models import Application

from ..models import Notice
from ..selectors import notices_of
from ..services import mobile_number

register = template.Library()


@register.simple_tag
def applicant_notices(application: Application) -> QuerySet[Notice]:
    return notices_of(application)


@register.filter
def takes_sms(application: Application) -> bool:
    """Whether SMS notices go to this application (a mobile number, no opt-out)."""
    return bool(mobile_number(application.applicant_phone)) and not (
        application.sms_opt_out
    )
