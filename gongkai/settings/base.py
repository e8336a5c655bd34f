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
    "django_tasks",
    "django_tasks_db",
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
    "gongkai.portal",
    "gongkai.workspace",
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
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.accounts.context_processors.navigation",
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
# Administrators hold every model permission in the admin (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["gongkai.accounts.backends.RoleBackend"]

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
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:dashboard"

# --- gongkai's own settings (documented in docs/reference/settings.md) -------------

# Font families used for PDF rendering; Debian's fonts-noto-cjk provides them.
GONGKAI_PDF_FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC"]

# Proactive disclosure (gongkai.catalog); docs/reference/settings.md says why each is
# a setting. The 索引号 pattern: local conventions differ (the national 目录系统
# 实施指引 gives 前段码/后段码; many sites use the 统一社会信用代码 and YYYY or YYYYMM).
GONGKAI_INDEX_NUMBER_PATTERN = "{统一社会信用代码}/{YYYY}-{NNNNN}"
# The catalogue's categories (信息类别): each province publishes its own list.
GONGKAI_CATALOG_CATEGORIES = [
    "概况类",
    "计划总结类",
    "规范性文件",
    "工作动态类",
    "人事",
    "财政",
    "行政执法",
    "其他",
]
# Which user roles may take each step of the publishing workflow: the roles that
# hold the item.* review permissions in gongkai.accounts.permissions.
GONGKAI_CATALOG_REVIEW_ROLES = {
    "secrecy_review": ["reviewer", "office_head"],
    "first_review": ["reviewer", "office_head"],
    "review": ["reviewer", "office_head"],
    "sign_off": ["office_head"],
    "privacy_override": ["reviewer", "office_head"],
    "withdraw": ["office_head"],
    "correct": ["reviewer", "office_head"],
}
# 初审、审核、审发 by three different people (三审); small offices may switch it off.
GONGKAI_CATALOG_DISTINCT_REVIEWERS = True

# Working days, the reply clock and fees (gongkai.workdays, gongkai.applications,
# gongkai.cases); docs/reference/settings.md says why each is a setting.
# Periods count from the day after the receipt day (the usual reading; the
# Regulation does not say). False: the receipt day counts as the first day.
GONGKAI_COUNT_FROM_NEXT_DAY = True
# The clock stands still from a fee notice to payment (国办函〔2020〕109号 is silent).
GONGKAI_FEE_NOTICE_PAUSES_CLOCK = True
# 按件计收: requests 31–40 of a month at 200 元 (True) or still at 100 元 (False).
GONGKAI_FEE_RAISE_FROM_31 = True
# The "reasonable" period to correct an application (第三十条), in working days.
GONGKAI_CORRECTION_PERIOD_DAYS = 15
# Evidence of repeated and excessive applications (第三十五条, 第三十六条第六项):
# descriptions this alike (0–100) are shown as possible repeats; more applications
# than the limit within the window (days) are shown as possibly excessive.
GONGKAI_REPEAT_SIMILARITY = 85
GONGKAI_EXCESSIVE_WINDOW_DAYS = 30
GONGKAI_EXCESSIVE_LIMIT = 10
# Letter numbers (文号); {agency} is the agency's short name (or name).
GONGKAI_LETTER_NUMBER = "{agency}依申请公开〔{year}〕{serial}号"
# The respondent's time to answer a review (行政复议法第四十八条) and to file its
# defence in a lawsuit (行政诉讼法第六十七条), in calendar days from service.
GONGKAI_REVIEW_ANSWER_DAYS = 10
GONGKAI_LITIGATION_DEFENCE_DAYS = 15

# The website (gongkai.portal, gongkai.workspace); docs/reference/settings.md.
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开")
# Submissions from one address per hour, per form: abuse control that needs no
# outside service (peers.md A.7). The 条例 sets no limit (its 第三十五条 handles
# excessive requests after receipt), so this is a site's choice.
GONGKAI_RATE_LIMITS = {"application": 5, "enquiry": 10}
# A form sent sooner than this after it was shown is taken for a robot's.
GONGKAI_CHALLENGE_MIN_SECONDS = 3
# Supervision: the items a month a unit should publish (seed 001's region asks 4),
# and the days after which a catalogue category without a new item is a 僵尸栏目.
GONGKAI_PUBLISHING_QUOTA_PER_MONTH = 4
GONGKAI_STALE_CATEGORY_DAYS = 180
# Seconds a public page may be served from the cache while nothing changes (0: off,
# the default; ``gongkai serve`` turns it on). Any change to the ledger renews it.
GONGKAI_PORTAL_CACHE_SECONDS = int(os.environ.get("GONGKAI_PORTAL_CACHE_SECONDS", "0"))

# Importing published reports (gongkai/importer; docs/reference/settings.md).
# A file above this size is refused before it is read.
GONGKAI_IMPORT_MAX_BYTES = 20 * 1024 * 1024
# A PDF with more pages is refused (annual reports run to 10–40 pages).
GONGKAI_IMPORT_MAX_PAGES = 300
# A DOCX or XLSX larger than this once unzipped is refused (a zip bomb).
GONGKAI_IMPORT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A file whose tables hold more cells than this is refused (a report has a few
# thousand; a spreadsheet of a million cells is not a report).
GONGKAI_IMPORT_MAX_CELLS = 200_000
# Seconds one file may take to read and parse before it is stopped (0: no limit).
GONGKAI_IMPORT_TIMEOUT = 60
# How a cell printed "—" or "/" is read: "blank" (not applicable) or "zero".
# UNVERIFIED: no format notice says; both readings are seen in real reports.
GONGKAI_IMPORT_DASH_MEANS = "blank"
# Text similarity (0–1) from which a report counts as copied from another.
GONGKAI_IMPORT_COPY_THRESHOLD = 0.9
# The publication deadline (month-day of the next year) of reports on years before
# 2019, under the 2007 条例 第三十一条. UNVERIFIED: recalled, not read.
GONGKAI_IMPORT_DEADLINE_BEFORE_2019 = "03-31"
# Search: hits are counted up to this many ("至少" beyond: fifty pages of twenty), so
# that no count costs more than about that many rows, however common the words.
GONGKAI_SEARCH_COUNT_LIMIT = 1_000
# A file of the deployment's own words for jieba (place names, bodies), one a line,
# added to gongkai's words of government affairs; rebuild the index after a change.
GONGKAI_SEARCH_DICTIONARY = ""

# Background work: Django's Tasks API (the django-tasks backport of Django 6's
# django.tasks), queued in the database (SQLite or PostgreSQL: nothing else to
# install) and run by `gongkai worker`; docs/explanation/architecture.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
