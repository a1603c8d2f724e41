from django.contrib import admin

from branding.models import Brand, BrandDomain, BrandEndpoint


class BrandDomainInline(admin.TabularInline):
    model = BrandDomain
    extra = 0


class BrandEndpointInline(admin.TabularInline):
    model = BrandEndpoint
    extra = 0


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "support_email", "updated_at"]
    search_fields = ["name", "domains__domain"]
    inlines = [BrandDomainInline, BrandEndpointInline]


@admin.register(BrandDomain)
class BrandDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "brand"]
    list_select_related = ["brand"]
    search_fields = ["domain", "brand__name"]


@admin.register(BrandEndpoint)
class BrandEndpointAdmin(admin.ModelAdmin):
    list_display = ["endpoint", "brand", "region"]
    list_select_related = ["brand", "region"]
    search_fields = ["endpoint", "brand__name"]
