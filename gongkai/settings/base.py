"""Settings shared by every environment.

Everything that differs between machines comes from the environment:
``DATABASE_URL`` (``sqlite:///PATH`` or ``postgres://...``), ``GONGKAI_DATA_DIR``,
``GONGKAI_SECRET_KEY``, ``GONGKAI_DEBUG`` and ``GONGKAI_ALLOWED_HOSTS``.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", BASE_DIR.parent / "data")).resolve()
# The SQLite file lives here; a fresh clone has no data folder yet.
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get(
    "GONGKAI_SECRET_KEY", "gongkai-development-only-key-do-not-use-in-production"
)
DEBUG = os.environ.get("GONGKAI_DEBUG", "1") == "1"
_hosts = os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1")
ALLOWED_HOSTS = [host.strip() for host in _hosts.split(",") if host.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.cases",
    "gongkai.activities",
    "gongkai.reports",
    "gongkai.importer",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "gongkai.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Chinese UI; msgids are English and translated in gongkai/locale/zh_Hans.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "admin:login"

# --- gongkai's own settings (documented in docs/reference/settings.md) -------------

# Font families used for PDF rendering; Debian's fonts-noto-cjk provides them.
GONGKAI_PDF_FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC"]
