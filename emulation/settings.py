"""Settings for thi đua, read from the environment only.

Every value comes through a small typed helper that raises ``ImproperlyConfigured`` on a bad value,
so a typo in production fails at start-up instead of silently using a default. With nothing set,
the app runs on SQLite with Celery tasks executed in-process (the newcomer's ``make run``).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
INSECURE_DEFAULT_KEY = "django-insecure-development-only-key-change-me-in-production"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEFAULT_KEY)
if not DEBUG and (SECRET_KEY == INSECURE_DEFAULT_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Absolute address of the site, printed in QR codes on certificates (links to /verify/<code>/).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The public verify page (/verify/): lookups per client IP and minute before a 429 page.
VERIFY_RATE_LIMIT_PER_MINUTE = env_int("VERIFY_RATE_LIMIT_PER_MINUTE", 20)
# The other public pages (awards/public/): pages per client IP and minute, and comments sent per IP and hour.
PUBLIC_RATE_LIMIT_PER_MINUTE = env_int("PUBLIC_RATE_LIMIT_PER_MINUTE", 60)
PUBLIC_COMMENTS_PER_HOUR = env_int("PUBLIC_COMMENTS_PER_HOUR", 5)
# The read-only JSON API (awards/api/): requests per token, in django-ninja's rate format ("600/m", "10000/d").
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", "600/m")
# Static folders whose files (stylesheets, images) generated PDFs may embed; common/pdf/fetcher.py refuses the rest.
PDF_STATIC_SUBDIRS = ("common", "awards")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "bootstrap",  # Bootstrap 5 CSS/JS shipped by the django-bootstrap-static wheel
    "organizations",
    "campaigns",
    "scoring",
    "awards",
    "outbox",  # transactional outbox for Celery tasks (see the "Faults" block below)
    "common",  # shared infrastructure: fetch_fonts, PDF rendering, uploads, private files (no models)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "common.middleware.MalformedInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "organizations.middleware.ForcedPasswordChangeMiddleware",
    "common.middleware.PrivatePagesNotStoredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must be last: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "emulation.urls"
WSGI_APPLICATION = "emulation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organizations.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL is set (postgres://user:pass@host:5432/name in production).
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except Exception as exc:  # dj_database_url raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication: argon2 first, login throttling by django-axes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Lock-out (common/lockout.py): a user name from one address after LOGIN_FAILURE_LIMIT failures, never the name alone;
# an address across names after LOGIN_IP_FAILURE_LIMIT (password spraying; a whole office may share one address).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind reverse proxies (the README's nginx), the client is the N-th address from the right of X-Forwarded-For;
# 0 (no proxy) reads REMOTE_ADDR only, so a client cannot claim any address it likes (common/lockout.client_ip).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "common.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
# A locked request is answered 429 whatever locked it (a name from an address, or the address), and trying again
# while locked does not extend the lock.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Internationalisation: Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# One date and number format per language everywhere (emulation/formats/): 05/12/2026 and 90,00 in Vietnamese.
FORMAT_MODULE_PATH = ["emulation.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Static and private media. Media is never served directly: views check permission first.
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and a manifest whatever DEBUG says; a missing manifest never breaks a page (common/staticfiles.py).
    "staticfiles": {"BACKEND": "common.staticfiles.ForgivingManifestStorage"},
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# Digital signatures (PAdES) on issued decisions and certificates: a PKCS#12 file (.p12/.pfx) with the signing key
# and certificate, and its passphrase. Unset: PDFs are not signed (nothing else changes). See README.
PDF_SIGNING_PKCS12 = env_str("PDF_SIGNING_PKCS12")
PDF_SIGNING_PASSPHRASE = env_str("PDF_SIGNING_PASSPHRASE")
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# E-mail (Django 6.1 MAILERS): console in development, SMTP in production.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_mail_options: dict = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10),  # a hung SMTP server fails the send (then retried), never a worker
    }
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thi-dua@localhost")

# Security headers. HTTPS settings are on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Shared office computers: a session ends with the browser by default and after SESSION_HOURS at the latest.
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading commits the whole registered domain (often a shared *.gov.vn parent), so it stays opt-in
# and `check --deploy` must not warn about it (security.W021) on every deployment.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Cache: Redis when REDIS_URL is set (shared by several web machines), else local memory.
REDIS_URL = env_str("REDIS_URL")
# The cache gets its own Redis database when REDIS_CACHE_URL is set: clearing or evicting cache keys
# must never touch queued tasks.
REDIS_CACHE_URL = env_str("REDIS_CACHE_URL", REDIS_URL)
if REDIS_CACHE_URL:
    # Fail-soft wrapper around Django's RedisCache (see the "Faults" block below for the timeouts).
    CACHES = {"default": {"BACKEND": "common.cache.FailSoftRedisCache", "LOCATION": REDIS_CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: in-process (eager) without REDIS_URL; a real broker with it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 14 * 60)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000)  # KiB
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    # Certificates left "rendering" by a killed worker (or failed) are picked up again.
    "awards-certificate-sweep": {"task": "awards.certificate_sweep", "schedule": 600.0},
    # Private files that no row points at (a rollback or a killed process after the file was written).
    "private-files-sweep": {"task": "common.private_files_sweep", "schedule": 3600.0},
}

# Notifications (organizations/notifications/): the deadline reminder goes out this many days before a phase's
# submission deadline; the beat tasks below send reminders and digests at these local hours; a failed e-mail is
# retried by the sweep after a pause, up to a number of attempts (then it stays "failed" in the admin list).
NOTIFICATION_DEADLINE_DAYS = env_int("NOTIFICATION_DEADLINE_DAYS", 3)
NOTIFICATION_REMINDER_HOUR = env_int("NOTIFICATION_REMINDER_HOUR", 7)
NOTIFICATION_DIGEST_HOUR = env_int("NOTIFICATION_DIGEST_HOUR", 17)
NOTIFICATION_RETRY_PAUSE_SECONDS = env_int("NOTIFICATION_RETRY_PAUSE_SECONDS", 600)
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env_int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", 8)
if not 0 <= NOTIFICATION_REMINDER_HOUR <= 23 or not 0 <= NOTIFICATION_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("NOTIFICATION_REMINDER_HOUR and NOTIFICATION_DIGEST_HOUR must be hours from 0 to 23.")
if NOTIFICATION_DEADLINE_DAYS < 1:
    raise ImproperlyConfigured("NOTIFICATION_DEADLINE_DAYS must be at least 1.")
CELERY_BEAT_SCHEDULE["notifications-deadlines"] = {
    "task": "scoring.deadline_notify",
    "schedule": crontab(hour=NOTIFICATION_REMINDER_HOUR, minute=0),
}
CELERY_BEAT_SCHEDULE["notifications-digest"] = {
    "task": "organizations.notification_digest_send",
    "schedule": crontab(hour=NOTIFICATION_DIGEST_HOUR, minute=0),
}
CELERY_BEAT_SCHEDULE["notifications-email-retry"] = {
    "task": "organizations.notification_email_retry",
    "schedule": float(NOTIFICATION_RETRY_PAUSE_SECONDS),
}

# --- Faults: Redis down must neither lose tasks nor hang requests ---------------------------------------------------
# Tasks go through the transactional outbox (outbox/): a row written in the request's transaction, one
# publish attempt after commit, and this beat task publishing whatever is left once the broker answers again.
OUTBOX_DRAIN_SECONDS = env_int("OUTBOX_DRAIN_SECONDS", 10)
CELERY_BEAT_SCHEDULE["outbox-drain"] = {
    "task": "outbox.drain",
    "schedule": float(OUTBOX_DRAIN_SECONDS),
    "options": {"expires": float(OUTBOX_DRAIN_SECONDS)},  # a backlog of drains after an outage is pointless
}
# After a failed publish, requests leave their rows to the drain for this long instead of trying the broker again.
OUTBOX_BROKER_PAUSE_SECONDS = env_int("OUTBOX_BROKER_PAUSE_SECONDS", 5)
# The drain (on a worker) may retry a little; requests never retry (retry=False on the after-commit attempt).
OUTBOX_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0}
# Redis timeouts in seconds: a stopped Redis refuses at once, but an unreachable host must not block a request.
REDIS_CONNECT_TIMEOUT = env_float("REDIS_CONNECT_TIMEOUT", 0.5)
REDIS_SOCKET_TIMEOUT = env_float("REDIS_SOCKET_TIMEOUT", 1.0)
# kombu: connect timeout and no reconnect loop when a publisher finds the broker down (without max_retries,
# kombu retries forever and `.delay()` hangs). The worker's own consumer reconnects on its own schedule
# (CELERY_BROKER_CONNECTION_RETRY / _MAX_RETRIES) and is not affected.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = 5.0  # the result backend (results are mostly ignored: the outbox sends ignore_result)
if REDIS_CACHE_URL:
    # The cache wrapper logs and returns defaults when Redis fails; these keep each failure short, and
    # FAIL_SOFT_PAUSE skips Redis for a moment after a failure so an outage costs requests nothing.
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
        "socket_timeout": REDIS_SOCKET_TIMEOUT,
    }
    CACHES["default"]["FAIL_SOFT_PAUSE"] = 5.0
# Login throttling (django-axes) keeps its counters in the database, never in the cache: logging in works
# while Redis is down.
AXES_HANDLER = "common.lockout.LockoutHandler"

# `manage.py load_demo` runs these in order (each app adds its part of the seed situations).
DEMO_LOADERS = [
    "organizations.demo.load_all",
    "campaigns.demo.load_all",
    "scoring.demo.load_all",
    "awards.demo.load_all",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every successful login at INFO; keep only its warnings (lockouts).
    # WeasyPrint logs each rendering step at INFO (8 lines a PDF); keep only its warnings.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
