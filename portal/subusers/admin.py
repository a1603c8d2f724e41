from django.contrib import admin

from portal.subusers.models import Subuser, SubuserInvitation

SETTINGS_FIELDS = [
    "permissions",
    "is_admin",
    "disable_delete_object",
    "idle_timeout",
    "concurrent_sessions",
    "allow_session_timeout_settings",
    "allow_concurrent_session_settings",
    "storage_access",
]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the consoles, which call e2; the admin only shows the mirror."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SubuserInvitation)
class SubuserInvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "customer", "status", "expires_at", "emailed_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "customer__email"]
    list_select_related = ["customer"]
    # The token hash and the vendor's invite link are never shown.
    fields = [
        "customer",
        "email",
        "first_name",
        "last_name",
        "status",
        "expires_at",
        "emailed_at",
        "sent_count",
        "vendor_invite_link",
        "vendor_invite_cancelled_at",
        "accepted_at",
        "invited_by",
        "created_at",
        *SETTINGS_FIELDS,
    ]
    readonly_fields = fields

    @admin.display(description="Vendor invite link")
    def vendor_invite_link(self, invitation):
        return "set" if invitation.vendor_invite_url else "not set"


@admin.register(Subuser)
class SubuserAdmin(ReadOnlyAdmin):
    list_display = ["email", "customer", "signed_up", "is_active", "is_admin", "synced_at"]
    list_filter = ["signed_up", "is_active", "is_admin"]
    search_fields = ["email", "customer__email"]
    list_select_related = ["customer"]
    fields = [
        "customer",
        "email",
        "first_name",
        "last_name",
        "signed_up",
        "is_active",
        "synced_at",
        *SETTINGS_FIELDS,
    ]
    readonly_fields = fields
