from django.contrib import admin, messages

from portal.usage import services
from portal.usage.models import QuotaAlert, SyncRun, UsageDay


@admin.register(UsageDay)
class UsageDayAdmin(admin.ModelAdmin):
    list_display = ["customer", "date", "disk_used", "uploads", "downloads"]
    list_filter = ["date"]
    search_fields = ["customer__email"]
    list_select_related = ["customer"]
    raw_id_fields = ["customer"]
    date_hierarchy = "date"


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    """Runs are records of what happened: read-only, and a failed one can be run again."""

    list_display = [
        "started_at",
        "state",
        "trigger",
        "customers_synced",
        "customers_failed",
        "days_written",
        "duration_seconds",
    ]
    list_filter = ["state", "trigger"]
    date_hierarchy = "started_at"
    actions = ["rerun_failed_syncs"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Run the sync again (for failed or partial runs)")
    def rerun_failed_syncs(self, request, queryset):
        failed = queryset.filter(
            state__in=[SyncRun.State.FAILED, SyncRun.State.PARTIAL, SyncRun.State.INTERRUPTED]
        )
        if not failed.exists():
            self.message_user(request, "None of the selected runs failed.", messages.WARNING)
            return
        services.rerun_sync()
        self.message_user(request, "A new sync was queued.", messages.SUCCESS)


@admin.register(QuotaAlert)
class QuotaAlertAdmin(admin.ModelAdmin):
    list_display = ["customer", "threshold_percent", "used_percent", "crossed_at", "cleared_at"]
    list_filter = ["threshold_percent", "cleared_at"]
    search_fields = ["customer__email"]
    list_select_related = ["customer"]
    raw_id_fields = ["customer"]
