"""Deploy checks for what ``check --deploy`` does not know about this portal."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def secrets_come_from_the_environment(app_configs, **kwargs):
    """Production must not run on the keys the embedded default generates under var/."""
    problems = []
    if settings.EMBEDDED:
        problems.append(
            Warning(
                "DATABASE_URL is not set: this is the embedded default (SQLite, sandbox).",
                hint="Set DATABASE_URL and REDIS_URL for production.",
                id="portal.W001",
            )
        )
    for name, error_id in (("SECRET_KEY", "portal.E001"), ("ENCRYPTION_KEYS", "portal.E002")):
        if not os.environ.get(name):
            problems.append(
                Error(
                    f"{name} is not set in the environment.",
                    hint=f"Generate one and set {name}; see the README's configuration table.",
                    id=error_id,
                )
            )
    if not settings.E2_API_TOKEN:
        problems.append(
            Warning(
                "E2_API_TOKEN is not set: the owner must enter it under Settings.",
                id="portal.W002",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def background_work_is_never_lost(app_configs, **kwargs):
    """Tasks are acknowledged late and handed back when a worker dies."""
    required = {
        "CELERY_TASK_ACKS_LATE": True,
        "CELERY_TASK_REJECT_ON_WORKER_LOST": True,
        "CELERY_ACCEPT_CONTENT": ["json"],
    }
    problems = [
        Error(f"{name} must be {value!r}.", id="portal.E003")
        for name, value in required.items()
        if getattr(settings, name, None) != value
    ]
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 0)
    if timeout <= 2 * settings.CELERY_TASK_TIME_LIMIT:
        problems.append(
            Error(
                "The broker's visibility timeout must exceed twice the task time limit.",
                id="portal.E004",
            )
        )
    return problems
