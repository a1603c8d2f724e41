"""Creating, changing and deleting brands, each change audited (who, what, when, outcome)."""

from django.db import transaction
from django.db.models import ProtectedError

from branding.models import Brand
from portal.audit.services import Actor, audited
from portal.errors import PortalRefusal


class BrandNotDeletable(PortalRefusal):
    human_message = "Customers or invitations still belong to this brand."


def save_brand(actor: Actor, form, domains, endpoints) -> Brand:
    """Save a valid brand form with its domain and endpoint formsets, in one transaction.
    The audit record names the fields that changed, never their contents (logos, colours)."""
    created = form.instance.pk is None
    changed = sorted(
        {*form.changed_data}
        | ({"domains"} if domains.has_changed() else set())
        | ({"endpoints"} if endpoints.has_changed() else set())
    )
    with (
        audited(
            "brand.create" if created else "brand.update",
            actor=actor,
            target=form.cleaned_data.get("name") or form.instance.name,
            details={"changed": changed},
        ),
        transaction.atomic(),
    ):
        brand = form.save()
        domains.instance = endpoints.instance = brand
        domains.save()
        endpoints.save()
    return brand


def deletion_refusal(brand: Brand, customer_count: int) -> str | None:
    """Why ``brand`` cannot be deleted now, or None."""
    if brand.is_default:
        return "The default brand cannot be deleted. Make another brand the default first."
    if customer_count:
        return f"{customer_count} customers belong to this brand. Move them to another brand first."
    return None


def delete_brand(actor: Actor, brand: Brand) -> None:
    with audited("brand.delete", actor=actor, target=brand.name):
        try:
            brand.delete()
        except ProtectedError as error:
            raise BrandNotDeletable from error
