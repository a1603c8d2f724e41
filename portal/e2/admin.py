from django.contrib import admin

from portal.e2.models import ApiCredential


@admin.register(ApiCredential)
class ApiCredentialAdmin(admin.ModelAdmin):
    """The token is set by the owner under Settings; ops see only whether it is there."""

    list_display = ["token_state", "updated_at", "updated_by"]
    fields = ["token_state", "updated_at", "updated_by"]
    readonly_fields = fields

    @admin.display(description="Token")
    def token_state(self, obj):
        return "set" if obj.token else "not set"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
