from django.contrib import admin

from portal.storage.models import Region, Storage


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "country", "active", "customers_may_enable"]
    list_filter = ["active", "customers_may_enable", "country"]
    search_fields = ["key", "name", "country"]


@admin.register(Storage)
class StorageAdmin(admin.ModelAdmin):
    list_display = ["storage_dn", "customer", "region", "cors"]
    search_fields = ["storage_dn", "customer__email"]
    list_select_related = ["customer", "region"]
    raw_id_fields = ["customer"]
