"""Signing in and out. Staff sign in here; the public never needs an account."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with its messages in plain Chinese."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or the password is wrong."),
        "inactive": _("This account is disabled."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django sets the user name's max_length after the field is made, so
        # nothing checks it: a name of 10,000 characters reached django-axes,
        # whose record of the failure PostgreSQL refused (a 500).
        longest = self.username_field.max_length or 254  # as Django counts it
        self.fields["username"].validators.append(MaxLengthValidator(longest))


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Django's LoginView names the site by the request's host ("127.0.0.1"),
        # hiding the site's name every page shows (GONGKAI_SITE_NAME).
        context = super().get_context_data(**kwargs)
        context["site_name"] = settings.GONGKAI_SITE_NAME
        return context


class SignOutView(auth_views.LogoutView):
    """Sign out (a POST, as Django requires) and land on the home page."""

    next_page = "portal:home"
