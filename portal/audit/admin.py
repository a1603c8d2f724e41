from django.contrib import admin

from portal.audit.models import AuditRecord


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """Read-only: the audit log is a record of what happened, never edited."""

    list_display = ["started_at", "actor_label", "action", "target", "outcome", "error_code"]
    list_filter = ["outcome", "action"]
    search_fields = ["actor_label", "target", "customer_email", "request_id"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
