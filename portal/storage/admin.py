from django.contrib import admin

from portal.storage.models import AccessKey, Region, Storage


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "country", "active", "customers_may_enable"]
    list_filter = ["active", "customers_may_enable", "country"]
    search_fields = ["key", "name", "country"]
    # The catalogue mirrors e2; only whether customers may enable a region is the portal's.
    readonly_fields = [
        "key",
        "name",
        "country",
        "code",
        "active",
        "hdd_storage",
        "default_cors",
        "synced_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Storage)
class StorageAdmin(admin.ModelAdmin):
    list_display = ["storage_dn", "customer", "region", "cors"]
    search_fields = ["storage_dn", "customer__email"]
    list_select_related = ["customer", "region"]
    # A storage is the mirror of a region enabled at e2: the consoles change it, not the admin.
    readonly_fields = ["customer", "region", "storage_dn", "cors", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(AccessKey)
class AccessKeyAdmin(admin.ModelAdmin):
    """The mirror of access keys; their secrets are never stored anywhere."""

    list_display = ["name", "key_id", "storage", "description", "synced_at"]
    search_fields = ["name", "key_id", "storage__storage_dn", "storage__customer__email"]
    list_select_related = ["storage"]
    readonly_fields = ["storage", "key_id", "name", "description", "created_on", "synced_at"]
