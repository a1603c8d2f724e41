from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from portal.accounts.models import LoginSession, StaffInvitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "role"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]}),
    ]


@admin.register(LoginSession)
class LoginSessionAdmin(admin.ModelAdmin):
    """Who is logged in where; ending a session is done by deleting its row here."""

    list_display = ["user", "ip_address", "user_agent", "created_at", "last_seen_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "ip_address"]
    readonly_fields = ["user", "ip_address", "user_agent", "created_at", "last_seen_at"]
    exclude = ["session_key"]
    actions = ["end_sessions"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="End the selected sessions now")
    def end_sessions(self, request, queryset):
        from portal.accounts.sessions import end_sessions

        self.message_user(request, f"{end_sessions(queryset)} sessions ended.")


@admin.register(StaffInvitation)
class StaffInvitationAdmin(admin.ModelAdmin):
    """Set-password links sent to staff; owners send them from the staff page, not here."""

    list_display = ["user", "status", "expires_at", "sent_count", "invited_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["user", "invited_by"]
    search_fields = ["user__email"]
    # The token hash is never shown.
    fields = [
        "user",
        "status",
        "expires_at",
        "sent_count",
        "invited_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
