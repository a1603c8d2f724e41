"""Settings for the portal, all read from the environment.

With no environment at all the *embedded default* applies: SQLite and a generated secret key
under ``var/``, DEBUG on, the e2 sandbox on a local port, mail written to ``var/mail/`` and
background jobs on a broker kept in ``var/`` (no Redis needed). Setting ``DATABASE_URL`` and
``REDIS_URL`` switches to the production stack: PostgreSQL, Redis as Celery broker and cache.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from portal.embedded import embedded_value

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
env.smart_cast = False

DATABASE_URL = env.str("DATABASE_URL", default="")
REDIS_URL = env.str("REDIS_URL", default="")
# The embedded default is the absence of a database URL, not a second settings tree.
EMBEDDED = not DATABASE_URL

DEBUG = env.bool("DEBUG", default=EMBEDDED)
SECRET_KEY = env.str("SECRET_KEY", default="") or embedded_value(VAR_DIR, "secret-key", 50)
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
# The portal's own hosts come from ALLOWED_HOSTS; brand domains come from the database and work
# without a restart. branding.middleware.BrandMiddleware, first in MIDDLEWARE, answers 400 for
# any other host, which is why Django's own check can be "*".
PORTAL_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "[::1]"])
ALLOWED_HOSTS = ["*"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django admin, on the portal's site that enforces the owner's two-factor rule.
    "portal.reseller.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "portal.accounts",
    "portal.reseller",
    "portal.e2",
    "portal.audit",
    "portal.customers",
    "portal.storage",
    "portal.subusers",
    "branding",
    "portal.console",
    "django_celery_beat",
    "portal.jobs",
    "portal.usage",
]

MIDDLEWARE = [
    # First: refuses unknown hosts (see PORTAL_HOSTS) and sets request.brand.
    "branding.middleware.BrandMiddleware",
    "portal.observability.RequestIdMiddleware",
    "portal.e2.middleware.WebReadDeadlineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.timezones.ViewerTimeZoneMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff pass their second factor, or set it up when the owner requires it.
    "portal.accounts.middleware.TwoFactorMiddleware",
    # Sets request.customer on console pages and enforces the customer session controls.
    "portal.console.middleware.CustomerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees every failed login the views report.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "branding.middleware.brand_context",
                "portal.accounts.permissions.staff_roles",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------------------
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache and sessions ---------------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
    # Sessions live in the database with a cache in front: several web processes share them.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Locked by the pair, so one attacker's failures never lock another person out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Storage portal")

# --- security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
USE_X_FORWARDED_HOST = False
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Content-Security-Policy on every response (django-csp): scripts and style elements only from
# the portal itself or carrying the request's nonce, no eval, no framing. Style attributes stay
# allowed (progress-bar widths and the like); they cannot run code. CSP_REPORT_ONLY=true sends
# the same policy as report-only instead, for trying a change out.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY
    CONTENT_SECURITY_POLICY = None
# Resellers' own domains must never be preloaded into browsers' HSTS lists.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Largest logo or favicon a reseller may upload for a brand.
BRAND_ASSET_MAX_BYTES = env.int("BRAND_ASSET_MAX_BYTES", default=512 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# --- encryption of secrets at rest ----------------------------------------------------------
# Newest first; older keys only decrypt, so keys rotate without downtime.
ENCRYPTION_KEYS = env.list("ENCRYPTION_KEYS", default=[]) or [
    embedded_value(VAR_DIR, "encryption-key", kind="fernet")
]

# --- links in emails -----------------------------------------------------------------------
# Links to a customer console use the brand's own domain; these complete the URL.
# The portal's own host in links to staff pages (and to consoles of brands without a domain).
PORTAL_HOST = env.str("PORTAL_HOST", default=PORTAL_HOSTS[0])
CONSOLE_SCHEME = env.str("CONSOLE_SCHEME", default="http" if DEBUG else "https")
CONSOLE_PORT = env.str("CONSOLE_PORT", default="")
CUSTOMER_INVITATION_DAYS = env.int("CUSTOMER_INVITATION_DAYS", default=7)
SUBUSER_INVITATION_DAYS = env.int("SUBUSER_INVITATION_DAYS", default=7)
STAFF_INVITATION_DAYS = env.int("STAFF_INVITATION_DAYS", default=3)

# --- the e2 API -----------------------------------------------------------------------------
E2_SANDBOX_BIND = env.str("E2_SANDBOX_BIND", default="127.0.0.1:8765")
E2_API_URL = env.str(
    "E2_API_URL",
    default=f"http://{E2_SANDBOX_BIND}" if EMBEDDED else "https://api.idrivee2.com",
)
E2_API_TOKEN = env.str("E2_API_TOKEN", default="") or (
    embedded_value(VAR_DIR, "sandbox-token", 32) if EMBEDDED else ""
)
E2_CONNECT_TIMEOUT = env.float("E2_CONNECT_TIMEOUT", default=3.05)
E2_READ_TIMEOUT = env.float("E2_READ_TIMEOUT", default=20.0)
E2_DEADLINE = env.float("E2_DEADLINE", default=25.0)
# Reads made while answering a web request give up sooner (pages and htmx fragments say the
# storage service is slow, with a retry); background work keeps E2_DEADLINE.
E2_WEB_READ_DEADLINE = env.float("E2_WEB_READ_DEADLINE", default=5.0)
E2_MAX_ATTEMPTS = env.int("E2_MAX_ATTEMPTS", default=3)

# --- background work ------------------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Look for messages of dead workers every N seconds (kombu's default is ~100 s).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
        "unacked_restore_throttle": 1,
    }
else:
    # The embedded default needs no Redis: kombu's filesystem transport keeps the queue in var/.
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=1800)
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = CELERY_VISIBILITY_TIMEOUT
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# At-least-once delivery: a task is acknowledged only once it has finished, and a worker that
# dies mid-task hands it back to the queue. Tasks are idempotent and move a Job row forward.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = env.str("TIME_ZONE", default="UTC")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Schedules live in the database, so ops staff edit them in the admin.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Jobs (CNAME uploads): deliveries before a job fails, and the retry backoff on transient errors.
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=6)
JOB_RETRY_BACKOFF_SECONDS = env.float("JOB_RETRY_BACKOFF_SECONDS", default=2.0)
JOB_RETRY_BACKOFF_MAX_SECONDS = env.float("JOB_RETRY_BACKOFF_MAX_SECONDS", default=600.0)
# The nightly usage sync.
USAGE_SYNC_CONCURRENCY = env.int("USAGE_SYNC_CONCURRENCY", default=4)
USAGE_SYNC_RATE_PER_SECOND = env.float("USAGE_SYNC_RATE_PER_SECOND", default=10.0)
# Customers per chunk task, and the seconds after which a chunk starts no more customers and
# hands the rest on; kept well under CELERY_TASK_SOFT_TIME_LIMIT (see the README's arithmetic).
USAGE_SYNC_CHUNK_SIZE = env.int("USAGE_SYNC_CHUNK_SIZE", default=500)
USAGE_SYNC_CHUNK_SECONDS = env.float("USAGE_SYNC_CHUNK_SECONDS", default=150.0)
USAGE_SYNC_HISTORY_DAYS = env.int("USAGE_SYNC_HISTORY_DAYS", default=90)
QUOTA_ALERT_THRESHOLD_PERCENT = env.int("QUOTA_ALERT_THRESHOLD_PERCENT", default=80)
CERTIFICATE_EXPIRY_WARNING_DAYS = env.int("CERTIFICATE_EXPIRY_WARNING_DAYS", default=30)

# --- email ----------------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- i18n, static, media --------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- logging --------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portal.observability.RequestIdFilter"},
        "redact": {"()": "portal.observability.RedactSecretsFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id", "redact"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Font subsetting for PDF reports reports every table it touches at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
