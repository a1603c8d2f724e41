from django.contrib import admin, messages

from portal.audit.services import Actor
from portal.jobs import services
from portal.jobs.models import CustomDomain, Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only jobs; the private key and passphrase show only whether they are set."""

    list_display = ["id", "kind", "target", "state", "attempts", "requested_by", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["target", "cname", "new_cname", "customer__email", "requested_by__email"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created_at"
    exclude = ["private_key", "passphrase"]
    readonly_fields = [
        "kind",
        "state",
        "customer",
        "storage",
        "target",
        "cname",
        "new_cname",
        "file_index",
        "certificate",
        "private_key_status",
        "passphrase_status",
        "attempts",
        "progress",
        "last_error",
        "error_code",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "updated_at",
    ]
    actions = ["retry_failed_jobs", "cancel_queued_jobs"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Private key")
    def private_key_status(self, job):
        return "set" if job.private_key else "not set"

    @admin.display(description="Passphrase")
    def passphrase_status(self, job):
        return "set" if job.passphrase else "not set"

    @admin.action(description="Retry the selected failed jobs")
    def retry_failed_jobs(self, request, queryset):
        retried = sum(services.retry_job(job) for job in queryset)
        skipped = queryset.count() - retried
        self.message_user(request, f"{retried} job(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} job(s) skipped: only failed jobs can be retried, and a job that "
                "needs a private key (wiped when it failed) must be submitted again.",
                messages.WARNING,
            )

    @admin.action(description="Cancel the selected queued jobs")
    def cancel_queued_jobs(self, request, queryset):
        actor = Actor.from_request(request)
        cancelled = sum(
            services.cancel_job(job, actor) for job in queryset if services.can_cancel(job)
        )
        self.message_user(request, f"{cancelled} job(s) cancelled.", messages.SUCCESS)


@admin.register(CustomDomain)
class CustomDomainAdmin(admin.ModelAdmin):
    list_display = ["cname", "storage", "file_index", "certificate_expires_at"]
    list_filter = ["certificate_expires_at"]
    search_fields = ["cname", "storage__storage_dn", "storage__customer__email"]
    list_select_related = ["storage"]
    raw_id_fields = ["storage"]
    readonly_fields = ["created_at", "updated_at"]
