"""Settings shared by every environment. Every value has a default that lets the demo run."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("REGIE_VAR_DIR", str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("REGIE_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("REGIE_DEBUG", False)
ALLOWED_HOSTS = env_list("REGIE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("REGIE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "regie.core",
    "regie.documents",
    "regie.actions",
    "regie.meetings",
    "regie.hiring",
    "regie.planning",
    "regie.risks",
    "regie.reports",
    "regie.home",
    "regie.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

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
                "regie.core.context_processors.regie",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'regie.sqlite3'}"),
        conn_max_age=env_int("REGIE_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at the
    # start of a transaction so two writers queue instead of failing halfway.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after 5 failures for a username from one address, 15 minutes locked.
AXES_FAILURE_LIMIT = env_int("REGIE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:my_week"
LOGOUT_REDIRECT_URL = "login"

# OpenID Connect single sign-on (Microsoft Entra ID style); off unless configured.
OIDC_ENABLED = env_bool("REGIE_OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("regie.core.oidc.RoleClaimOIDCBackend")

LANGUAGE_CODE = "nl"
# Regie speaks Dutch to everyone, whatever language the browser asks for.
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# regie/static/vendor/ is filled from node_modules by `make install` (scripts/vendor-assets).
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("REGIE_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {
        "BACKEND": env_str("REGIE_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
REGIE_MAX_UPLOAD_BYTES = env_int("REGIE_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)

MAILERS = {
    "default": {
        "BACKEND": env_str("REGIE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env_str("REGIE_EMAIL_HOST", "localhost"),
            "port": env_int("REGIE_EMAIL_PORT", 25),
            "username": env_str("REGIE_EMAIL_HOST_USER", ""),
            "password": env_str("REGIE_EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("REGIE_EMAIL_USE_TLS", False),
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("REGIE_FROM_EMAIL", "Regie <regie@localhost>")
REGIE_BASE_URL = env_str("REGIE_BASE_URL", "http://127.0.0.1:8000")
# The daily e-mail reminds a risk's owner this many working days before its review date.
REGIE_RISK_REVIEW_REMINDER_WORKING_DAYS = env_int("REGIE_RISK_REVIEW_REMINDER_WORKING_DAYS", 5)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "regie.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie API",
    "DESCRIPTION": (
        "Vergadercyclus: gremia, vergaderingen, agendapunten, voorstellen, besluiten en acties."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "regie.audit": {"handlers": ["console"], "level": "INFO"},
        "django": {"handlers": ["console"], "level": env_str("REGIE_DJANGO_LOG_LEVEL", "WARNING")},
    },
}
