"""Settings shared by every environment.

Everything that differs between machines comes from the environment:
``DATABASE_URL`` (``sqlite:///PATH`` or ``postgres://...``), ``GONGKAI_DATA_DIR``,
``GONGKAI_SECRET_KEY``, ``GONGKAI_DEBUG`` and ``GONGKAI_ALLOWED_HOSTS``.
"""

import os
from datetime import timedelta
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
    # Staff sign-in (gongkai.accounts): lock-out after failed passwords, and the
    # second factor (TOTP, with recovery codes as static tokens).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.releases",
    "gongkai.cases",
    "gongkai.directives",
    "gongkai.activities",
    "gongkai.notices",
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
    # Staff sign-in: who passed the second factor, and the staff pages that ask it.
    "django_otp.middleware.OTPMiddleware",
    "gongkai.accounts.second_factor.SecondFactorMiddleware",
    "gongkai.accounts.idle.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Staff sign-in: turns a locked-out sign-in into its page; axes wants it last.
    "axes.middleware.AxesMiddleware",
]
# Loads the search's word list (jieba) as a web process starts, then steps aside:
# the first search is as fast as the rest (gongkai/portal/warmup.py).
MIDDLEWARE.insert(0, "gongkai.portal.warmup.SearchWarmupMiddleware")

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
            # ``{% extends_kept %}`` (portal/base.html) must come before any load.
            "builtins": ["gongkai.portal.templatetags.frame"],
        },
    },
]

# None: the development server (`gongkai demo`, `manage runserver`) serves Django's
# plain handler; gunicorn loads gongkai.wsgi:application, which refuses unsafe
# settings (DEBUG among them) and so could not serve the demo.
WSGI_APPLICATION = None

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}", conn_max_age=60
    )
}
# --- Concurrent writers on SQLite (issue 12; docs/how-to/deploy.md) ----------------
# WAL lets readers go on while one process writes; a writer waits up to `timeout`
# seconds for another instead of failing with "database is locked"; and every
# transaction takes the write lock when it begins (IMMEDIATE), so two transactions
# that read and then write never deadlock half-way. PostgreSQL needs none of this.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
        }
    )
# --- A read replica for the public pages (issue 11; gongkai.core.routers) ---------
# A streaming replica of the PostgreSQL "default": the reads of the public views
# wrapped with reads_from_replica go there; every write and every other read stay on
# "default". Unset: one database, and the router changes nothing.
GONGKAI_READ_REPLICA_URL = os.environ.get("GONGKAI_READ_REPLICA_URL", "")
if GONGKAI_READ_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(GONGKAI_READ_REPLICA_URL, conn_max_age=60),
        # The test suite runs on "default" alone: there the replica is its mirror.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["gongkai.core.routers.ReplicaRouter"]
# --- Prepared statements on PostgreSQL (gongkai.core.compiled.prepared_cursor) ----
# Django turns psycopg's preparing off and its cursors bind on the client, which
# never prepare. The reads a public page repeats with new values go through a cursor
# that binds on the server: psycopg prepares each once it has run five times on a
# connection, and PostgreSQL plans it no more. (A pooler in front must be in
# session mode: docs/how-to/deploy-at-scale.md.)
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Administrators hold every model permission in the admin (accounts/backends.py).
# django-axes first (LockoutBackend): it refuses a locked-out user name and address
# before any password is checked.
AUTHENTICATION_BACKENDS = [
    "gongkai.accounts.backends.LockoutBackend",
    "gongkai.accounts.backends.RoleBackend",
]

# Staff passwords: Django's validators, at least 10 characters (issue 12).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation"
        ".UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
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
# --- Stored files (gongkai.core.files; docs/reference/settings.md) ----------------
# Uploads and letters are sent only by the views that check permission. Behind
# nginx, set this (e.g. "/protected/") to the prefix of an ``internal`` location
# aliased to MEDIA_ROOT: the view answers with X-Accel-Redirect and nginx sends the
# bytes (docs/how-to/deploy.md). Empty: the view sends the file itself.
GONGKAI_FILES_X_ACCEL_PREFIX = os.environ.get("GONGKAI_FILES_X_ACCEL_PREFIX", "")
# Where stored files live (Django's STORAGES; issue 11; docs/how-to/deploy-at-scale.md):
# "local", the folder MEDIA_ROOT; or "s3", a bucket of S3-compatible object storage
# (MinIO, a cloud's) through django-storages, installed with the extra
# `uv sync --extra s3`. The bucket is private: files still go out only through the
# views that check permission (leave GONGKAI_FILES_X_ACCEL_PREFIX empty with s3).
GONGKAI_STORAGE = os.environ.get("GONGKAI_STORAGE", "local")
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if GONGKAI_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("GONGKAI_S3_BUCKET", "gongkai"),
            "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("GONGKAI_S3_REGION") or None,
            "access_key": os.environ.get("GONGKAI_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("GONGKAI_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("GONGKAI_S3_PREFIX", ""),
            # Private objects, never overwritten (names are random anyway), and
            # no public URL handed out: the views stream them.
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:dashboard"

# --- Staff sign-in (gongkai.accounts; docs/reference/settings.md) -----------------
# A signed-in user's session ends this many minutes after their last request
# (renewed by each request; gongkai/accounts/idle.py). 30: the usual bar for 等保
# level 3 (登录连接超时自动退出).
GONGKAI_SESSION_IDLE_MINUTES = int(os.environ.get("GONGKAI_SESSION_IDLE_MINUTES", "30"))
# Failed sign-ins (django-axes): after this many wrong passwords for one user name
# from one address, that pair is locked out for the cool-off period, even with the
# right password; a successful sign-in clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("GONGKAI_SIGNIN_LOCKOUT_MINUTES", "30"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai.accounts.security.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.security.locked_out"
# The roles that must pass a second factor (TOTP, or a recovery code) before the
# workspace and the admin open; comma-separated in the environment, empty for none.
# Not asked while DEBUG is on (the development server and `make demo`).
GONGKAI_OTP_REQUIRED_ROLES = [
    role.strip()
    for role in os.environ.get(
        "GONGKAI_OTP_REQUIRED_ROLES", "administrator,office_head"
    ).split(",")
    if role.strip()
]
# The issuer an authenticator app shows beside the account.
OTP_TOTP_ISSUER = "gongkai"

# --- gongkai's own settings (documented in docs/reference/settings.md) -------------

# Font families used for PDF rendering; Debian's fonts-noto-cjk provides them.
GONGKAI_PDF_FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC"]

# Proactive disclosure (gongkai.catalog); docs/reference/settings.md says why each is
# a setting. The 索引号 pattern: local conventions differ (the national 目录系统
# 实施指引 gives 前段码/后段码; many sites use the 统一社会信用代码 and YYYY or YYYYMM).
GONGKAI_INDEX_NUMBER_PATTERN = "{统一社会信用代码}/{YYYY}-{NNNNN}"
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
# Days after a letter becomes available electronically (e-mail, the platform) that
# it counts as served (送达); the applicant's remedy windows run from that day.
# UNVERIFIED: 0 follows 《民事诉讼法》第九十条 (served when it reaches the
# recipient's system); some provinces' rules add days.
GONGKAI_ELECTRONIC_SERVICE_DAYS = 0
# 按件计收: requests 31–40 of a month at 200 元 (True) or still at 100 元 (False).
GONGKAI_FEE_RAISE_FROM_31 = True
# The "reasonable" period to correct an application (第三十条), in working days.
GONGKAI_CORRECTION_PERIOD_DAYS = 15
# The receipt day (收到申请之日) of an application transferred (转办) inside gongkai
# at the competent agency: "accepted" the day it signs for it (签收, as a registered
# letter, 第三十一条第二项), or "sent" the day the sender sent it. UNVERIFIED: the
# Regulation has no transfer between agencies (第三十六条第五项 only refers).
GONGKAI_TRANSFER_RECEIVED_ON = "accepted"
# What the applicant may upload on the tracking page (a corrected application's
# files, a payment receipt): PDF, JPG/PNG or DOCX, each at most this many bytes,
# at most this many files for one notice.
GONGKAI_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
GONGKAI_UPLOAD_MAX_FILES = 5
# How to pay a fee, shown on the tracking page under the amount (the agency's
# contact from its guide follows it). Each agency's fee notice letter says more.
GONGKAI_FEE_PAYMENT_GUIDE = (
    "请按收费通知书载明的收款账户或方式缴纳，缴费后在本页上传缴费凭证"
    "（转账回单、电子缴款凭证的截图或 PDF），本机关确认后继续办理。"
)
# Evidence of repeated and excessive applications (第三十五条, 第三十六条第六项):
# descriptions this alike (0–100) are shown as possible repeats; more applications
# than the limit within the window (days) are shown as possibly excessive.
GONGKAI_REPEAT_SIMILARITY = 85
GONGKAI_EXCESSIVE_WINDOW_DAYS = 30
GONGKAI_EXCESSIVE_LIMIT = 10
# Applicants' personal data (issue 12): `gongkai applications anonymise` clears the
# name, identity number and contact details of applications closed more than this
# many years ago (个人信息保护法 第十九条). UNVERIFIED: 10 years is a guess; the
# 档案 retention period of an agency's application files (永久, 30 or 10 years by
# its 档案保管期限表) may differ and should decide it.
GONGKAI_APPLICANT_RETENTION_YEARS = int(
    os.environ.get("GONGKAI_APPLICANT_RETENTION_YEARS", "10")
)
# Letter numbers (文号); {agency} is the agency's short name (or name).
GONGKAI_LETTER_NUMBER = "{agency}依申请公开〔{year}〕{serial}号"
# The respondent's time to answer a review (行政复议法第四十八条; 简易程序 第五十四条)
# and to file its defence in a lawsuit (行政诉讼法第六十七条), from the day after
# the copy is received: the review's in working days (行政复议法第八十八条), the
# lawsuit's in calendar days; the rule is gongkai.cases.deadlines.
GONGKAI_REVIEW_ANSWER_DAYS = 10
GONGKAI_REVIEW_SIMPLIFIED_ANSWER_DAYS = 5
GONGKAI_REVIEW_ANSWER_IN_WORKING_DAYS = True
GONGKAI_LITIGATION_DEFENCE_DAYS = 15

# The website (gongkai.portal, gongkai.workspace); docs/reference/settings.md.
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开")
# Submissions from one address per hour, per form: abuse control that needs no
# outside service (peers.md A.7). The 条例 sets no limit (its 第三十五条 handles
# excessive requests after receipt), so this is a site's choice.
GONGKAI_RATE_LIMITS = {"application": 5, "enquiry": 10, "api": 3600}
# A form sent sooner than this after it was shown is taken for a robot's.
GONGKAI_CHALLENGE_MIN_SECONDS = 3
# Days a public form's one-time token is kept (gongkai.portal.guard); `gongkai
# prune-tokens` (daily, cron) deletes older ones. Longer than a session (two weeks),
# whose one-time sum a replay would also need, so no replay outlives its token.
GONGKAI_SUBMISSION_TOKEN_DAYS = int(
    os.environ.get("GONGKAI_SUBMISSION_TOKEN_DAYS", "30")
)
# --- The client's address and the shared limits (issue 12; gongkai.core.clients) ----
# The proxies whose X-Forwarded-For is believed: addresses or networks, and "unix"
# for a request over a unix socket (empty REMOTE_ADDR: nginx on this machine). From
# anyone else X-Forwarded-For is ignored. Comma-separated in the environment.
_proxies = os.environ.get("GONGKAI_TRUSTED_PROXIES", "127.0.0.1,::1,unix")
GONGKAI_TRUSTED_PROXIES = [p.strip() for p in _proxies.split(",") if p.strip()]
# Caches. "limits" counts the public forms' submissions for every worker at once:
# in the database by default (its table is made by `migrate`), or in Redis when
# GONGKAI_REDIS_URL is set (redis://host:6379/0; needs the `redis` package).
# "default" holds the public pages (gongkai.portal.caching), per worker unless Redis.
GONGKAI_REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "limits": {
        "BACKEND": "gongkai.core.cache.DatabaseCache",
        "LOCATION": "gongkai_cache",
        # One entry per address and form an hour: culling at Django's 300 would
        # forget counts on a busy day.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
if GONGKAI_REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": GONGKAI_REDIS_URL,
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "limits")
    }
# Supervision: the items a month a unit should publish (seed 001's region asks 4),
# and the days after which a catalogue category without a new item is a 僵尸栏目.
GONGKAI_PUBLISHING_QUOTA_PER_MONTH = 4
GONGKAI_STALE_CATEGORY_DAYS = 180
# Seconds a public page may be served from the cache while nothing changes (0: off,
# the default; ``gongkai serve`` turns it on). Any change to the ledger renews it.
GONGKAI_PORTAL_CACHE_SECONDS = int(os.environ.get("GONGKAI_PORTAL_CACHE_SECONDS", "0"))
# How long a process trusts the ledger version it read for the page cache's key
# (seconds; 0: read it for every request). A public page may lag a change by this.
GONGKAI_PORTAL_VERSION_SECONDS = float(
    os.environ.get("GONGKAI_PORTAL_VERSION_SECONDS", "1")
)

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
# Bytes of memory the child that reads one file may take beyond what it inherits;
# past it the file fails with "内存不足" (0: no limit).
GONGKAI_IMPORT_MAX_MEMORY = int(
    os.environ.get("GONGKAI_IMPORT_MAX_MEMORY", str(1024 * 1024 * 1024))
)
# Seconds one file may take to read and parse before it is stopped (0: no limit).
# A text report takes well under a second; a scanned one, read through OCR, some
# 5–15 seconds a page on two cores, so the default leaves room for a dozen pages.
GONGKAI_IMPORT_TIMEOUT = 180
# Seconds between two requests of ``gongkai crawl`` to the same government site.
GONGKAI_CRAWL_DELAY = 1.0
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
# Background tasks run by `gongkai worker` (gongkai/core/tasks.py; issue 11):
# runs in all of a task that raises (the first and its retries).
GONGKAI_TASK_ATTEMPTS = 3
# Seconds before the first retry, doubled before each further one.
GONGKAI_TASK_RETRY_DELAY = 30
# Seconds after which a running task is taken as abandoned by a worker that died
# and queued again; must exceed the longest task (an import stops after
# GONGKAI_IMPORT_TIMEOUT).
GONGKAI_TASK_ABANDONED_AFTER = 600

# --- Content-Security-Policy (django-csp; issue 12; docs/reference/settings.md) -----
# Scripts and styles come from gongkai's own static files only, nothing from another
# site (no CDN), and nothing inline: no <script> or <style> block, no style attribute
# (bar lengths and report column widths are classes: hbar--N in site.css, gk-wN in
# reports/report.css). Django's admin runs under it too (its one inline <style>, in
# a change list without actions, only widens a column).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Odd input (issue 12; gongkai.core.params) -------------------------------------
# An address holding a NUL is a 400; in the admin, a missing record or an unknown
# ``_to_field`` is a 404 or a 400, never a 500. Innermost, before django-axes,
# which wants to stay last.
MIDDLEWARE.insert(
    len(MIDDLEWARE) - (MIDDLEWARE[-1:] == ["axes.middleware.AxesMiddleware"]),
    "gongkai.core.params.OddInputMiddleware",
)

# --- Notices to applicants by e-mail and SMS (gongkai.notices; issue 13;
# docs/reference/notices.md) ----------------------------------------------------------
# E-mail goes through Django's mail (EMAIL_BACKEND, EMAIL_HOST …, DEFAULT_FROM_EMAIL).
# SMS through this backend: ConsoleBackend (standard output), FileBackend (one JSON
# line per message in GONGKAI_SMS_FILE_PATH) or HttpGatewayBackend (a gateway).
GONGKAI_SMS_BACKEND = os.environ.get(
    "GONGKAI_SMS_BACKEND", "gongkai.notices.sms.ConsoleBackend"
)
GONGKAI_SMS_FILE_PATH = os.environ.get("GONGKAI_SMS_FILE_PATH", str(DATA_DIR / "sms"))
GONGKAI_SMS_GATEWAY_URL = os.environ.get("GONGKAI_SMS_GATEWAY_URL", "")
GONGKAI_SMS_GATEWAY_KEY = os.environ.get("GONGKAI_SMS_GATEWAY_KEY", "")
GONGKAI_SMS_GATEWAY_TIMEOUT = 10  # seconds
GONGKAI_SMS_GATEWAY_OK_CODES = ["0", "OK"]
# The sign (签名) the gateway puts before each text, as registered with it.
GONGKAI_SMS_SIGN_NAME = os.environ.get("GONGKAI_SMS_SIGN_NAME", "")
# The gateway's registered template of each notice kind, where it needs one.
GONGKAI_SMS_TEMPLATE_IDS: dict[str, str] = {}
# Web address of the public site, for the tracking link in e-mails ("" leaves it out).
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "")
# Tries in all before a notice is shown to its handler as failed; seconds before the
# first retry, doubled before each further one.
GONGKAI_NOTICE_ATTEMPTS = 4
GONGKAI_NOTICE_RETRY_DELAY = 60
# Working days before a 补正 or payment deadline when `gongkai remind` reminds the
# applicant.
GONGKAI_NOTICE_REMIND_DAYS = 3
# Notice kinds not sent at all (e.g. ["consultation"] where the applicant is not
# told of consultations).
GONGKAI_NOTICES_OFF: list[str] = []

# --- Released files and redaction (gongkai.releases; docs/reference/releases.md) --
# LibreOffice's program (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui),
# which prints Word and Excel files to PDF before they are redacted, and turns the
# importer's old Office files (.doc, .wps, .et, .xls, .rtf) into .docx/.xlsx; and
# the seconds after which a redaction's conversion is stopped (an import's is
# bounded by GONGKAI_IMPORT_TIMEOUT).
GONGKAI_SOFFICE = os.environ.get("GONGKAI_SOFFICE", "soffice")
GONGKAI_RELEASES_CONVERT_TIMEOUT = 120
# The largest file staff may attach to an application, in megabytes.
GONGKAI_RELEASES_MAX_UPLOAD_MB = 50
