from django.contrib import admin, messages

from portal.usage import services
from portal.usage.models import CustomerSync, QuotaAlert, SyncChunk, SyncRun, UsageDay


@admin.register(UsageDay)
class UsageDayAdmin(admin.ModelAdmin):
    list_display = ["customer", "date", "disk_used", "uploads", "downloads"]
    list_filter = ["date"]
    search_fields = ["customer__email"]
    list_select_related = ["customer"]
    raw_id_fields = ["customer"]
    date_hierarchy = "date"


class SyncChunkInline(admin.TabularInline):
    model = SyncChunk
    fields = [
        "number",
        "state",
        "started_at",
        "finished_at",
        "customers_synced",
        "customers_failed",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    """Runs are records of what happened: read-only, and a failed one can be run again."""

    inlines = [SyncChunkInline]

    list_display = [
        "started_at",
        "state",
        "trigger",
        "customers_synced",
        "customers_failed",
        "days_written",
        "chunks_done",
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


@admin.register(SyncChunk)
class SyncChunkAdmin(admin.ModelAdmin):
    """One task's slice of a run: read-only."""

    list_display = ["run", "number", "state", "customers_synced", "customers_failed"]
    list_filter = ["state"]
    list_select_related = ["run"]
    readonly_fields = [field.name for field in SyncChunk._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CustomerSync)
class CustomerSyncAdmin(admin.ModelAdmin):
    """Where the sync stands for each customer (the next run starts with the oldest)."""

    list_display = ["customer", "synced_at", "last_day", "failed_at"]
    search_fields = ["customer__email"]
    list_select_related = ["customer"]
    raw_id_fields = ["customer"]
    readonly_fields = ["synced_at", "last_day", "failed_at"]
