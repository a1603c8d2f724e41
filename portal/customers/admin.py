from django.contrib import admin

from portal.customers.models import Customer


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "brand", "is_active", "quota_gb"]
    list_filter = ["is_active", "is_signed_up", "brand"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["brand"]
    readonly_fields = ["synced_at", "created_at", "e2_created_at"]
