"""Settings for Runner Strength, read from the environment.

Development needs nothing set: DEBUG=1 gives SQLite, console e-mail and a
local-memory cache. With DEBUG off, values that production must choose
(SECRET_KEY, SITE_URL, EMAIL_URL, CACHE_URL) have no default and stop the
start-up with a message that names the variable.
"""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)


def required(name: str, *, dev_default: str) -> str:
    """A value production must set; development falls back to `dev_default`."""
    value = env.str(name, default="")
    if value:
        return value
    if DEBUG:
        return dev_default
    raise ImproperlyConfigured(f"Set the {name} environment variable (required when DEBUG is off).")


SECRET_KEY = required("SECRET_KEY", dev_default="insecure-development-key-do-not-use-in-production")
# The site's own address (scheme and host, no trailing slash): every link in an e-mail
# starts with it, never with a request's Host header (core.http.site_url).
SITE_URL = required("SITE_URL", dev_default="http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The library search's PostgreSQL full-text and trigram lookups (harmless on SQLite).
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks_db",
    "core",
    "accounts",
    "exercises",
    "plans",
    "newsletter",
    "workouts",
    "offline",
]

MIDDLEWARE = [
    # One line per request, with the credentials in URLs left out (core.access_log).
    "core.access_log.AccessLogMiddleware",
    # Stores what PublicPageMiddleware marks public, after every other
    # middleware has had its say on the response (see core.pages).
    "django.middleware.cache.UpdateCacheMiddleware",
    "core.pages.PublicPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Below whitenoise, which serves static files precompressed; above
    # everything else that writes the body.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A view that loses the database (PostgreSQL restarting) answers 503, not 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.cache.FetchFromCacheMiddleware",
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
                "newsletter.context_processors.newsletter",
                "core.context_processors.canonical",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The JIT compiler pays off for long analytical queries; on this site's
    # short ones it only adds tens of milliseconds of compiling whenever the
    # planner's estimate crosses jit_above_cost (a filtered library of a few
    # thousand exercises does). An `options` query parameter in DATABASE_URL
    # takes its place.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: Redis in production (redis://host:6379/1). Every gunicorn worker
# must see the same caches, or a worker would keep serving pages the admin has
# retired and the rate limits would count per worker. "default" holds
# sessions, rate limits, topic versions and downloads; "pages" holds whole
# public pages (Django's cache middleware) and is emptied whenever content
# changes (core.invalidation), so on Redis it needs a database of its own:
# PAGE_CACHE_URL, by default CACHE_URL's server with the next database number.
CACHE_URL = required("CACHE_URL", dev_default="locmemcache://")


def page_cache_url(cache_url: str) -> str:
    url = urlsplit(cache_url)
    if url.scheme in ("redis", "rediss"):
        database = int(url.path.strip("/") or 0) + 1
        return urlunsplit(url._replace(path=f"/{database}"))
    return f"{url.scheme}://pages"


CACHES = {
    "default": env.cache_url_config(CACHE_URL),
    "pages": env.cache_url_config(env.str("PAGE_CACHE_URL", default=page_cache_url(CACHE_URL))),
}
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
# How long browsers and shared caches may keep a public page (Cache-Control:
# public, max-age): an editor's fix reaches everyone within five minutes even
# through caches the site cannot empty; the site's own page cache is emptied
# at once. 0 turns page caching off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
# Sessions read from the cache, written through to the database: a signed-in
# page view costs no session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# E-mail: EMAIL_URL (django-environ's schemes) mapped onto Django 6.1's MAILERS.
EMAIL_URL = required("EMAIL_URL", dev_default="consolemail://")


def mailer_from_url(url: str) -> dict:
    config = environ.Env.email_url_config(url)
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER"),
        "password": config.get("EMAIL_HOST_PASSWORD"),
        "use_tls": config.get("EMAIL_USE_TLS"),
        "use_ssl": config.get("EMAIL_USE_SSL"),
        "file_path": config.get("EMAIL_FILE_PATH"),
    }
    backend = config["EMAIL_BACKEND"]
    if backend.endswith("smtp.EmailBackend"):
        options.pop("file_path")
        options["timeout"] = 10
    elif backend.endswith("filebased.EmailBackend"):
        # django-environ drops the leading slash of filemail:///abs/path; the
        # URL's own host and path are the directory, as written.
        parts = urlsplit(url)
        options = {"file_path": parts.netloc + parts.path}
    else:
        options = {}
    return {
        "BACKEND": backend,
        "OPTIONS": {k: v for k, v in options.items() if v not in (None, "")},
    }


MAILERS = {"default": mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Runner Strength <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mail) goes through django.tasks: run at once in development
# and tests, queued in the database for a worker (`manage.py run_worker`) in production.
TASKS_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate" if DEBUG else "database")
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

AUTH_USER_MODEL = "accounts.User"
# allauth's backend alone: it is Django's ModelBackend (permissions included) that also finds
# a user by e-mail. With both, a wrong password was hashed twice and a right one once, which
# told a timing attacker when a password was right even where the login refused it.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "plans:routine-list"
LOGOUT_REDIRECT_URL = "core:home"

# django-allauth: e-mail is the login; it must be verified before the first login.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}  # a taken address costs as much time
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Runner Strength] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# allauth's rate limits, stated here rather than inherited. "5/5m/key" is five per five minutes
# per e-mail address, "ip" counts per REMOTE_ADDR; counters live in the cache. Wrong passwords:
# five for one address make it wait up to five minutes, ten in an hour lock it for the rest of
# that hour, whatever IP they come from (a password reset unlocks it). E-mails: at most one
# confirmation (or "you already have an account") per address every three minutes and ten a
# day, three password resets per address an hour. A refused login says so above the form; the
# others answer with templates/429.html.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,50/h/ip,5/5m/key,10/h/key",
    "signup": "5/m/ip,20/h/ip",
    "confirm_email": "1/3m/key,10/d/key",
    "reset_password": "5/m/ip,20/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security. Strict in production; the same CSP in development so that a
# violation shows up before it ships.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Behind the TLS proxy every request comes from its address: the client's is
# the one the proxy appends to X-Forwarded-For (core.http.client_ip, for every
# rate limit on the site).
TRUSTED_PROXY_COUNT = 0
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    TRUSTED_PROXY_COUNT = 1

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{levelname} {name} {message}", "style": "{"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # fontTools logs every glyph of every font it subsets for a PDF at INFO.
        "fontTools": {"level": "WARNING"},
        # The access log (gunicorn's own is off; runserver writes its own): ACCESS_LOG=0
        # silences it.
        "core.access": {
            "level": "INFO" if env.bool("ACCESS_LOG", default=not DEBUG) else "WARNING"
        },
    },
}

# Form-video availability check (exercises.availability, `manage.py check_videos`):
# the providers' public oEmbed endpoints, settings so that tests can point them at
# a local server, and how long to wait for one answer.
VIDEO_OEMBED_ENDPOINTS = {
    "youtube": "https://www.youtube.com/oembed",
    "vimeo": "https://vimeo.com/api/oembed.json",
}
VIDEO_CHECK_TIMEOUT = 5
# The newsletter: an unconfirmed signup gets one reminder this many days after
# it (0: no reminders); newsletter.services.remind_and_prune.
NEWSLETTER_REMINDER_AFTER_DAYS = env.float("NEWSLETTER_REMINDER_AFTER_DAYS", default=2)
# An issue goes to the confirmed subscribers in batches: this many e-mails, then a
# pause of this many seconds (60 a minute by default: within what a small mail
# relay accepts); newsletter.tasks.send_issue.
NEWSLETTER_SEND_BATCH_SIZE = env.int("NEWSLETTER_SEND_BATCH_SIZE", default=60)
NEWSLETTER_SEND_BATCH_SECONDS = env.float("NEWSLETTER_SEND_BATCH_SECONDS", default=60)
