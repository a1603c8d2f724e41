from django.contrib import admin

from branding.models import Brand, BrandDomain


class BrandDomainInline(admin.TabularInline):
    model = BrandDomain
    extra = 0


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "support_email", "updated_at"]
    search_fields = ["name", "domains__domain"]
    inlines = [BrandDomainInline]
