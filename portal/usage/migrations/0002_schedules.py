"""The default schedules, kept in the database so ops staff can change them in the admin:
the nightly usage sync at 02:00, the daily certificate-expiry check at 07:00 (both in the
configured time zone), and a sweep every five minutes that resumes stalled jobs."""

from django.conf import settings
from django.db import migrations

SCHEDULES = [
    ("Nightly usage sync", "portal.usage.tasks.run_usage_sync", {"minute": "0", "hour": "2"}),
    (
        "Daily certificate expiry check",
        "portal.usage.tasks.check_certificate_expiry",
        {"minute": "0", "hour": "7"},
    ),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, when in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=settings.TIME_ZONE,
            **when,
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab})
    every_five_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Resume stalled jobs",
        defaults={"task": "portal.jobs.tasks.resume_stalled_jobs", "interval": every_five_minutes},
    )


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    names = [name for name, _task, _when in SCHEDULES] + ["Resume stalled jobs"]
    PeriodicTask.objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("usage", "0001_initial"),
        ("jobs", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
