from django.contrib import admin

from portal.reseller.models import ResellerSettings


@admin.register(ResellerSettings)
class ResellerSettingsAdmin(admin.ModelAdmin):
    list_display = ["default_quota_gb", "require_two_factor", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    # Changed on the owner's Settings pages, where every change is audited.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
