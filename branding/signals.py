"""Any change to brands or their domains takes effect on the next request, in every process
that shares the cache, without a restart."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from branding.models import Brand, BrandDomain, BrandEndpoint
from branding.resolver import forget_brand_table


@receiver([post_save, post_delete], sender=Brand)
@receiver([post_save, post_delete], sender=BrandDomain)
@receiver([post_save, post_delete], sender=BrandEndpoint)
def brands_changed(sender, **kwargs):
    forget_brand_table()
