"""The default schedules live in the database, where ops staff can change them."""

from django.conf import settings
from django_celery_beat.models import PeriodicTask


def test_the_nightly_sync_runs_at_two_in_the_configured_time_zone(db):
    task = PeriodicTask.objects.get(name="Nightly usage sync")

    assert task.task == "portal.usage.tasks.run_usage_sync"
    assert (task.crontab.hour, task.crontab.minute) == ("2", "0")
    assert str(task.crontab.timezone) == settings.TIME_ZONE
    assert task.enabled


def test_the_daily_certificate_check_and_the_stalled_job_sweep_are_scheduled(db):
    tasks = set(PeriodicTask.objects.values_list("task", flat=True))

    assert "portal.usage.tasks.check_certificate_expiry" in tasks
    assert "portal.jobs.tasks.resume_stalled_jobs" in tasks


def test_the_scheduler_is_the_database_one():
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
