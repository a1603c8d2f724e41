from django.contrib import admin

from portal.console.models import CustomerSessionSettings, SessionPolicy


@admin.register(SessionPolicy)
class SessionPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "idle_timeout",
        "customers_may_set_idle_timeout",
        "concurrent_sessions",
        "customers_may_change_concurrent_sessions",
        "updated_at",
    ]


@admin.register(CustomerSessionSettings)
class CustomerSessionSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "customer",
        "idle_timeout",
        "concurrent_sessions",
        "concurrent_sessions_override",
        "updated_at",
    ]
    list_select_related = ["customer"]
    search_fields = ["customer__email"]
    raw_id_fields = ["customer"]
