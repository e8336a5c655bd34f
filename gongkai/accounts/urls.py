from django.urls import path

from . import second_factor, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("second-factor/", second_factor.verify, name="otp_verify"),
    path("second-factor/setup/", second_factor.setup, name="otp_setup"),
    path(
        "second-factor/recovery-codes/",
        second_factor.recovery_codes,
        name="otp_recovery_codes",
    ),
]
