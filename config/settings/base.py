"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Demo accounts and data are only ever created where this is true (dev and test).
DEMO_ENABLED = False

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "django_celery_beat",
    "django_countries",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_prometheus",
    "accounts",
    "reference",
    "outbox",
    "staff",
    "imports",
    "website",
    "investors",
    "projects",
    "chains",
    "liaison",
    "feedback",
    "stats",
    "appraisal",
    "forecast",
]

MIDDLEWARE = [
    # Metrics first and last (django-prometheus); then the request id every log line carries.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "config.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # axes must be last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "staff.context_processors.navigation",
                "reference.context_processors.city",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/invest_portal"),
}


def database_options(db: dict) -> dict:
    """Every environment's database: a persistent connection is checked before each request
    reuses it (a restarted PostgreSQL costs one reconnect, not an error page); queries are
    counted for Prometheus (django-prometheus's backends); SQLite (`make run`) writes in WAL
    mode, takes its write lock at the start of each transaction and waits for it rather than
    answering "database is locked" (docs/operations.md, Faults)."""
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if engine in ("postgresql", "sqlite3"):
        db["ENGINE"] = f"django_prometheus.db.backends.{engine}"
    db["CONN_HEALTH_CHECKS"] = True
    if engine == "sqlite3":
        db.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return db


DATABASES["default"] = database_options(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An optional PostgreSQL read replica for statistics, exports and the API's lists
# (config/replica.py; docs/operations.md, Room to grow). Unset: everything reads `default`.
DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
DATABASE_REPLICA_ALIAS = None
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = database_options(env.db("DATABASE_REPLICA_URL"))
    DATABASE_REPLICA_ALIAS = "replica"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")


# Content-Security-Policy on every answer (django-csp): our own files only, no inline script
# or style except the few inline scripts that carry the request's nonce; no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Empty choices of selects: "— choose —" in forms, "All" in list filters (config/forms.py).
FORM_RENDERER = "config.forms.PortalFormRenderer"
FILTERS_EMPTY_CHOICE_LABEL = _("All")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes' backend plus an address-wide limit (accounts/backends.py).
    "accounts.backends.PortalAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of 20,000 passwords most common in breaches, shipped with Django, plus
    # the project's own list of refused words (no network at run time).
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.validators.RefusedPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # A strength estimate (zxcvbn) with the user's names and the words below as dictionary
    # words: refuses what falls in under 10^10 guesses (accounts/validators.py).
    {"NAME": "accounts.validators.StrengthValidator", "OPTIONS": {"min_score": 4}},
]
# Words of this portal and its city that an attacker tries first (lower-case; the city
# region's names in the reference data are added at run time): its pinyin belongs here.
PASSWORD_CONTEXT_WORDS = env.list(
    "PASSWORD_CONTEXT_WORDS",
    default=[
        "zhaoshang",
        "zhaoshangju",
        "zhaoshangyinzi",
        "touzi",
        "touzicujin",
        "invest",
        "investment",
        "investor",
        "promotion",
        "bureau",
        "portal",
        "demo city",
        "democity",
        "shifanshi",
        "shifan",
        "hunan",
        "xiangjiang",
        "招商",
        "招商局",
        "投资",
        "示范市",
    ],
)

# Password reset by email (accounts/password_reset.py): a link valid this long; at most this
# many requests per client address and per email address in the window.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_SECONDS", default=2 * 3600)
PASSWORD_RESET_WINDOW_SECONDS = env.int("PASSWORD_RESET_WINDOW_SECONDS", default=3600)
PASSWORD_RESET_PER_IP = env.int("PASSWORD_RESET_PER_IP", default=10)
PASSWORD_RESET_PER_EMAIL = env.int("PASSWORD_RESET_PER_EMAIL", default=3)

# Two-factor sign-in (TOTP + recovery codes) for administrators and bureau staff: required
# when true (production's default), optional otherwise (whoever set it up is always asked).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Investment Promotion Portal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions: an idle timeout (cookie age, renewed on every request) and an absolute one
# (enforced by accounts.middleware.SessionTimeoutMiddleware from the login time).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_TIMEOUT_SECONDS = env.int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", default=12 * 3600)
SESSION_COOKIE_HTTPONLY = True

# Failed-login lockout: locked on the username and IP pair together (nobody can lock a named
# account from another address), and the address as a whole after more failures (spraying).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# The client's address behind this many reverse proxies that append to X-Forwarded-For
# (0: no proxy, the header is ignored). Used by the lockout and the API throttles alike.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"

# Request bodies: form and JSON fields at most this size (DRF's parsers are made to honour it,
# config/parsers.py); files are capped by their own limit (EVIDENCE_MAX_BYTES) and the proxy.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
API_JSON_MAX_DEPTH = env.int("API_JSON_MAX_DEPTH", default=32)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Numbers grouped by three with commas in both languages (config/formats/, config/numbers.py).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
# A missing English text stays empty; templates say so instead of showing Chinese.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ()}

# Country names (django-countries): Taiwan, Hong Kong and Macao are named as parts of China
# (中国台湾 / "Taiwan, China" …); translated in our own catalogue.
COUNTRIES_OVERRIDE = {
    "TW": _("Taiwan, China"),
    "HK": _("Hong Kong, China"),
    "MO": _("Macao, China"),
}

STATIC_URL = "/static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Behind nginx in production: files the portal sends after its permission check (evidence,
# exports, site videos) go out through this `internal` nginx location via X-Accel-Redirect
# (config/files.py, deploy/nginx/); empty: Django streams them itself.
MEDIA_ACCEL_REDIRECT = env("DJANGO_MEDIA_ACCEL_REDIRECT", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "config.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "config.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "config.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    # JSON only; multipart where a file is uploaded (config/parsers.py, UPLOAD_PARSERS).
    "DEFAULT_PARSER_CLASSES": ["config.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_THROTTLE_CLASSES": [
        "config.throttles.AnonRateThrottle",
        "config.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
        "auth_token": env("API_THROTTLE_TOKEN", default="10/minute"),
    },
}
# API tokens (django-rest-knox, accounts.ApiToken): only a SHA-512 hash is stored; each expires.
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations would create its (swapped-out, unused) token table, which Django then
# cannot flush; without them no table is made for the swapped model.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Investment-promotion portal API",
    "DESCRIPTION": "REST API v1 of the investment-promotion portal (招商引资管理平台).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Projects' capital source and investors' source group are one choice set.
    "ENUM_NAME_OVERRIDES": {
        "SourceGroupEnum": "investors.models.SourceGroup",
        "AppraisalStatusEnum": "appraisal.models.AppraisalStatus",
        "RunStatusEnum": "stats.models.RunStatus",
        "ExportKindEnum": "staff.models.ExportKind",
        "ReportChannelEnum": "stats.models.ReportChannel",
        "ChannelEnum": "investors.models.Channel",
        "OpportunityStatusEnum": "website.models.OpportunityStatus",
        "ReconciliationSourceEnum": "stats.models.ReconciliationSource",
        "OutreachEnum": "chains.models.Outreach",
        "InteractionKindEnum": "investors.models.InteractionKind",
        "ImportKindEnum": "imports.models.ImportKind",
        "ImportStatusEnum": "imports.models.ImportStatus",
    },
    # The schema states what the API enforces (config/schema.py): request bodies apart from
    # answers (non-empty required text, no read-only fields, no unknown fields), every error
    # answer documented.
    "COMPONENT_SPLIT_REQUEST": True,
    # An id in a path is a positive bigint (config/ids.py; anything else is a 404).
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.schema.document_error_responses",
    ],
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# With late acks, Redis hands an unacknowledged task to another worker after this long: it
# must exceed the longest task (a statistics run takes seconds). See README, Operations.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT_SECONDS", default=3600),
    # A web request that cannot reach the broker gives up at once (a fraction of a second,
    # not kombu's endless reconnect loop): its task waits in the outbox (outbox/). The
    # worker's own reconnecting is governed by broker_connection_retry, not by these.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.2,
}
# A statistics run still "running" after this long is marked failed and can be rerun.
STATS_RUN_TIMEOUT_MINUTES = env.int("STATS_RUN_TIMEOUT_MINUTES", default=30)
# PostgreSQL work_mem for the statistics' grouped aggregates (set per transaction).
STATS_WORK_MEM = env("STATS_WORK_MEM", default="64MB")
# The city's province (GB/T 2260 two-digit code, e.g. "44"): domestic capital from it is not
# "from outside the province" and is refused. Empty: no province is refused.
STATS_HOME_PROVINCE = env("STATS_HOME_PROVINCE", default="")
# Publishing a period needs a reviewed reconciliation of its arrivals with an official list
# (the commerce system's or the foreign-exchange bureau's). Off here (development, the demo and
# the tests publish without one); on in production unless the environment says otherwise.
STATS_PUBLISH_REQUIRES_RECONCILIATION = env.bool(
    "STATS_PUBLISH_REQUIRES_RECONCILIATION", default=False
)
# Matching an official list to the arrivals: amounts within this share of the portal's amount
# (at least 0.01), dates within this many days.
RECONCILIATION_AMOUNT_TOLERANCE = env.float("RECONCILIATION_AMOUNT_TOLERANCE", default=0.005)
RECONCILIATION_DATE_TOLERANCE_DAYS = env.int("RECONCILIATION_DATE_TOLERANCE_DAYS", default=5)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A request that cannot reach the broker does not wait: the task stays in the outbox (outbox/).
CELERY_BROKER_CONNECTION_TIMEOUT = env.int("CELERY_BROKER_CONNECTION_TIMEOUT_SECONDS", default=2)
# The outbox (outbox/services.py): a task sent this long ago and never done is sent again (the
# queue was lost), at most OUTBOX_MAX_SENDS times; a worker holds a task for the lease at most
# (killed, its task is taken again after it); done rows are kept this many days.
OUTBOX_RESEND_MINUTES = env.int("OUTBOX_RESEND_MINUTES", default=90)
OUTBOX_MAX_SENDS = env.int("OUTBOX_MAX_SENDS", default=3)
OUTBOX_LEASE_MINUTES = env.int("OUTBOX_LEASE_MINUTES", default=STATS_RUN_TIMEOUT_MINUTES)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=7)
OUTBOX_RUN_ONCE = "outbox.services.run_once"
# /readyz (config/health.py): a worker's heartbeat at most this old; this much free disk.
READY_WORKER_HEARTBEAT_MINUTES = env.int("READY_WORKER_HEARTBEAT_MINUTES", default=5)
READY_MIN_FREE_DISK_MB = env.int("READY_MIN_FREE_DISK_MB", default=1024)
# /metrics answers these client addresses or networks (the Prometheus server) and signed-in
# administrators; anyone else gets a 404.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Three queues, each with its own worker in production (Procfile, deploy/): a statistics run
# or a big export on `reports` never delays a notice on `mail`; the rest (purges, backups) on
# the default queue `celery`. A worker started without -Q serves only `celery`: start one per
# queue, or one with `-Q celery,mail,reports` (`make worker`). tests/test_celery_routes.py.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "*.tasks.send_*": {"queue": "mail"},
    "*.tasks.remind_*": {"queue": "mail"},
    "feedback.tasks.flag_overdue_cases": {"queue": "mail"},
    "feedback.tasks.flag_visits_due": {"queue": "mail"},
    "stats.tasks.compute_fdi_stats": {"queue": "reports"},
    "stats.tasks.compute_open_period": {"queue": "reports"},
    "appraisal.tasks.run_appraisal": {"queue": "reports"},
    "staff.tasks.run_export": {"queue": "reports"},
    "forecast.tasks.nightly_forecast": {"queue": "reports"},
    "imports.tasks.run_import": {"queue": "reports"},
}
CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {
        "task": "accounts.tasks.purge_expired_sessions",
        "schedule": crontab(hour=3, minute=0),
    },
    "flag-overdue-cases": {
        "task": "feedback.tasks.flag_overdue_cases",
        "schedule": crontab(hour=7, minute=0),
    },
    "flag-visits-due": {
        "task": "feedback.tasks.flag_visits_due",
        "schedule": crontab(hour=7, minute=15),
    },
    "remind-unrated-visits": {
        "task": "feedback.tasks.remind_unrated_visits",
        "schedule": crontab(hour=9, minute=0),
    },
    "purge-stale-api-tokens": {
        "task": "accounts.tasks.purge_stale_api_tokens",
        "schedule": crontab(hour=3, minute=10),
    },
    "compute-open-fdi-period": {
        "task": "stats.tasks.compute_open_period",
        "schedule": crontab(hour=1, minute=30),
    },
    "investor-reminder-digests": {
        "task": "investors.tasks.send_reminder_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "remind-monthly-reports": {
        "task": "stats.tasks.remind_monthly_reports",
        "schedule": crontab(hour=8, minute=0),
    },
    "purge-exports": {
        "task": "staff.tasks.purge_exports",
        "schedule": crontab(minute=20),
    },
    "outbox-sweep": {"task": "outbox.tasks.sweep", "schedule": 60.0},
    "backup-nightly": {
        "task": "staff.tasks.backup_nightly",
        "schedule": crontab(hour=2, minute=30),
    },
    "year-end-forecast": {
        "task": "forecast.tasks.nightly_forecast",
        "schedule": crontab(hour=2, minute=10),
    },
}
# Backups (staff/backups.py, `manage.py backup`): archives written here, the newest kept.
BACKUP_DIR = env("BACKUP_DIR", default=str(BASE_DIR / "backups"))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# The year-end forecast (forecast/): how many projects' worth of the city's rate a group's
# conversion rate is shrunk toward (docs/statistics.md, Forecast).
FORECAST_PRIOR_STRENGTH = env.float("FORECAST_PRIOR_STRENGTH", default=10.0)
# Background exports (staff/): kept this long, then deleted with their files; at most this
# many queued or running per user.
EXPORT_KEEP_HOURS = env.int("EXPORT_KEEP_HOURS", default=24)
EXPORT_MAX_ACTIVE = env.int("EXPORT_MAX_ACTIVE", default=3)
# The direct download (GET …/export.xlsx) answers up to this many rows; a longer list is sent
# to the background export, so no request runs into the web worker's timeout.
EXPORT_DIRECT_MAX_ROWS = env.int("EXPORT_DIRECT_MAX_ROWS", default=5000)
# Spreadsheet imports (imports/): rows per file; files of at most IMPORT_TRIAL_ROWS rows are
# also tried through the services (and rolled back) in the dry run; where the invitations of
# imported staff link to when the import was applied outside a request.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20000)
IMPORT_TRIAL_ROWS = env.int("IMPORT_TRIAL_ROWS", default=500)
IMPORT_INVITE_DOMAIN = env("IMPORT_INVITE_DOMAIN", default="localhost:8000")
# PDF exports embed these fonts (config/pdf.py): a CJK face with TrueType outlines (reportlab
# cannot embed CFF fonts such as Noto Sans CJK) and a Latin face. Debian's fonts-wqy-microhei
# and fonts-liberation ship the defaults.
PDF_FONT_CJK = env("PDF_FONT_CJK", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PDF_FONT_LATIN = env(
    "PDF_FONT_LATIN", default="/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
)
PDF_FONT_LATIN_BOLD = env(
    "PDF_FONT_LATIN_BOLD", default="/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"
)

# The issuer of the bureau's official documents (the bulletin's 落款), in both languages;
# empty: "<city> Investment Promotion Bureau" in the active language (reference.selectors).
BUREAU_NAME_ZH_HANS = env("BUREAU_NAME_ZH_HANS", default="")
BUREAU_NAME_EN = env("BUREAU_NAME_EN", default="")

# Public inquiries: a form filled faster than this is refused as a robot; at most this many
# inquiries per sender address per hour; first response due within this many working days.
INQUIRY_MIN_FILL_SECONDS = env.int("INQUIRY_MIN_FILL_SECONDS", default=3)
INQUIRY_RATE_LIMIT_PER_HOUR = env.int("INQUIRY_RATE_LIMIT_PER_HOUR", default=5)
# At most this many acknowledgements to one email address in 24 hours, from any client: the
# form cannot mail-bomb an address in the bureau's name (the inquiries are all kept).
INQUIRY_ACKS_PER_ADDRESS_PER_DAY = env.int("INQUIRY_ACKS_PER_ADDRESS_PER_DAY", default=3)
# The public complaint form has the same defences (config.spam), configured on their own.
COMPLAINT_MIN_FILL_SECONDS = env.int("COMPLAINT_MIN_FILL_SECONDS", default=3)
COMPLAINT_RATE_LIMIT_PER_HOUR = env.int("COMPLAINT_RATE_LIMIT_PER_HOUR", default=5)
INQUIRY_RESPONSE_WORKING_DAYS = env.int("INQUIRY_RESPONSE_WORKING_DAYS", default=2)
# Investors with no interaction for this many days are flagged.
INVESTOR_QUIET_DAYS = env.int("INVESTOR_QUIET_DAYS", default=90)
# The one sender of every mail the portal sends; `check --deploy` warns while it is a local
# address (config/checks.py).
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@invest-portal.local")
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# A real-world date (intent, stages, arrivals, activities) is never before this one
# (config/bounds.py).
REAL_DATE_EARLIEST = date.fromisoformat(env("REAL_DATE_EARLIEST", default="1949-01-01"))
# Yuan per US dollar for the plausibility check of a project's figures (projects.services):
# contracted foreign capital above the total investment at this rate needs a reason. A check
# only, never a conversion in any figure; a rate a little off moves the line a little.
PLAUSIBILITY_CNY_PER_USD = Decimal(env("PLAUSIBILITY_CNY_PER_USD", default="7.1"))

# A project is "stalled" after this many days without a stage move or logged activity.
STALLED_YELLOW_DAYS = env.int("STALLED_YELLOW_DAYS", default=60)
STALLED_RED_DAYS = env.int("STALLED_RED_DAYS", default=90)
# Mail (case notices, reminders): SMTP in production; the development settings print mail.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
# Service feedback: a visit's link lives this many days; the visiting staff are reminded after
# this many days without a rating; a case is due this many working days after it is received.
FEEDBACK_LINK_DAYS = env.int("FEEDBACK_LINK_DAYS", default=30)
FEEDBACK_REMINDER_DAYS = env.int("FEEDBACK_REMINDER_DAYS", default=3)
FEEDBACK_CASE_WORKING_DAYS = env.int("FEEDBACK_CASE_WORKING_DAYS", default=5)
# A region's monthly report is due on this day of the next month (1-28).
MONTHLY_REPORT_DUE_DAY = env.int("MONTHLY_REPORT_DUE_DAY", default=10)
if not 1 <= MONTHLY_REPORT_DUE_DAY <= 28:
    raise ImproperlyConfigured("MONTHLY_REPORT_DUE_DAY must be between 1 and 28.")
# The first month (YYYY-MM) whose report is owed: the month the districts began reporting in
# the portal. Earlier months are never owed, shown or counted.
_reports_from = env("MONTHLY_REPORTS_FROM", default="2025-12")
try:
    MONTHLY_REPORTS_FROM = tuple(int(x) for x in _reports_from.split("-"))
    date(*MONTHLY_REPORTS_FROM, 1)
except ValueError as exc:
    raise ImproperlyConfigured("MONTHLY_REPORTS_FROM must be a month, YYYY-MM.") from exc
# A yearly ballot link (enterprise votes for advanced units and people) lives this many days.
FEEDBACK_BALLOT_DAYS = env.int("FEEDBACK_BALLOT_DAYS", default=60)
# Evidence uploads (stage moves): the largest accepted file.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# Uploads are counted while they stream in (config/uploads.py): past their limit nothing more
# is kept and the form refuses the file as too large.
FILE_UPLOAD_HANDLERS = [
    "config.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# One JSON object per line (python-json-logger) with the request id and the user id
# (config/requestlog.py); DJANGO_LOG_FORMAT=text for a terminal. Security events go to the
# `portal.security` logger, one line each.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "config.requestlog.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s u=%(user_id)s] "
            "%(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": env("DJANGO_LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "portal.security": {"level": "INFO"}},
}

# Public site media uploads (the city video and its poster).
WEBSITE_VIDEO_MAX_BYTES = env.int("WEBSITE_VIDEO_MAX_BYTES", default=300 * 1024 * 1024)
WEBSITE_IMAGE_MAX_BYTES = env.int("WEBSITE_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
# The streaming limit of an uploaded file: per form field where named here (the name of the
# setting holding it), else UPLOAD_MAX_BYTES.
UPLOAD_FIELD_LIMITS = {"evidence": "EVIDENCE_MAX_BYTES"}
UPLOAD_MAX_BYTES = env.int(
    "UPLOAD_MAX_BYTES",
    default=max(EVIDENCE_MAX_BYTES, WEBSITE_VIDEO_MAX_BYTES, WEBSITE_IMAGE_MAX_BYTES),
)
# Public pages are cached this long at most (a content edit or a pipeline change rebuilds them
# at once; see website/cache.py). 0 turns the cache off.
# Content on the public site not verified for this many days is listed for staff to review.
WEBSITE_REVIEW_DAYS = env.int("WEBSITE_REVIEW_DAYS", default=180)
WEBSITE_PAGE_CACHE_SECONDS = env.int("WEBSITE_PAGE_CACHE_SECONDS", default=600)
# How often cached pages check the pipeline and the published statistics for changes.
WEBSITE_DATA_CHECK_SECONDS = env.int("WEBSITE_DATA_CHECK_SECONDS", default=5)
CSRF_FAILURE_VIEW = "website.errors.csrf_failure"

# The dashboard's and the unfiltered board's counts over the whole scope are cached per scope
# until the next write to what they count, and at most this long (projects/counts.py); 0 off.
STAFF_COUNTS_CACHE_SECONDS = env.int("STAFF_COUNTS_CACHE_SECONDS", default=300)
