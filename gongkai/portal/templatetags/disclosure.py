"""Template filters for the records of disclosure work (``{% load disclosure %}``)."""

from django import template

from gongkai.applications.models import ApplicationStatus

register = template.Library()


@register.filter
def application_status(application) -> str:
    """Where an application is, as people say it (its ``status`` is computed by
    the database, so the model offers no ``get_status_display``)."""
    try:
        return str(ApplicationStatus(application.status).label)
    except ValueError:
        return application.status
