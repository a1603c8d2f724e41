"""Settings > White labeling: the owner creates, edits and deletes brands, with a live preview
of the login page and the console while typing."""

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from branding import colours, services
from branding.forms import BrandForm, DomainFormSet, EndpointFormSet
from branding.models import Brand
from branding.uploads import validated_asset
from portal.accounts.permissions import OWNER_ROLES, staff_required
from portal.audit.services import Actor
from portal.errors import PortalError

PREVIEW_TYPES = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
                 "webp": "image/webp", "ico": "image/x-icon"}  # fmt: skip


@staff_required(roles=OWNER_ROLES)
def brand_list(request):
    brands = Brand.objects.annotate(customer_count=Count("customers")).prefetch_related("domains")
    return render(request, "branding/list.html", {"brands": brands})


def _forms(request, brand):
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    return (
        BrandForm(data, files, instance=brand, prefix="brand"),
        DomainFormSet(data, instance=brand, prefix="domains"),
        EndpointFormSet(data, instance=brand, prefix="endpoints"),
    )


def _edit(request, brand):
    form, domains, endpoints = _forms(request, brand)
    if request.method == "POST" and all(f.is_valid() for f in (form, domains, endpoints)):
        brand = services.save_brand(Actor.from_request(request), form, domains, endpoints)
        messages.success(request, f"Brand “{brand.name}” saved.")
        return redirect("branding:list")
    context = {
        "form": form,
        "domains": domains,
        "endpoints": endpoints,
        "edited_brand": brand if brand.pk else None,
        "preview": _preview_context(form, brand),
    }
    return render(request, "branding/form.html", context, status=400 if form.is_bound else 200)


@staff_required(roles=OWNER_ROLES)
def brand_create(request):
    return _edit(request, Brand())


@staff_required(roles=OWNER_ROLES)
def brand_edit(request, pk):
    return _edit(request, get_object_or_404(Brand, pk=pk))


@require_POST
@staff_required(roles=OWNER_ROLES)
def brand_preview(request, pk=None):
    """The preview fragment for what has been typed so far; nothing is saved."""
    brand = get_object_or_404(Brand, pk=pk) if pk else Brand()
    form = BrandForm(request.POST, request.FILES, instance=brand, prefix="brand")
    form.is_valid()
    return render(request, "branding/preview.html", {"preview": _preview_context(form, brand)})


def _preview_context(form, brand) -> dict:
    """What the preview shows: typed values where they are valid, stored ones otherwise."""
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}

    def value(name, default=""):
        return data.get(name) or getattr(brand, name, "") or default

    return {
        "name": value("name", "Your brand"),
        "primary_colour": value("primary_colour", "#1f4b99"),
        "accent_colour": value("accent_colour", "#f29f05"),
        "copyright_line": value("copyright") or value("name", "Your brand"),
        "support_email": value("support_email"),
        "logo_src": _image_src(form, data, "logo", brand.logo_src if brand.pk else ""),
        "favicon_src": _image_src(form, data, "favicon", brand.favicon_src if brand.pk else ""),
        "contrast_warnings": colours.contrast_warnings(value("primary_colour", "#1f4b99")),
        "errors": {name: errors for name, errors in form.errors.items()} if form.is_bound else {},
    }


def _image_src(form, data, name, stored_src):
    """A new, checked upload as a data: URL for the preview; else the stored image."""
    upload = form.files.get(f"brand-{name}") if form.is_bound else None
    if upload is None:
        return "" if data.get(name) is False else stored_src
    try:
        upload.seek(0)
        checked = validated_asset(upload)
    except ValidationError:
        return ""
    kind = PREVIEW_TYPES[checked.name.rsplit(".", 1)[1]]
    return f"data:{kind};base64,{base64.b64encode(checked.read()).decode()}"


@staff_required(roles=OWNER_ROLES)
def brand_delete(request, pk):
    brand = get_object_or_404(Brand.objects.annotate(customer_count=Count("customers")), pk=pk)
    refusal = services.deletion_refusal(brand, brand.customer_count)
    if request.method == "POST" and refusal is None:
        try:
            services.delete_brand(Actor.from_request(request), brand)
        except PortalError as error:
            refusal = error.human_message
        else:
            messages.success(request, f"Brand “{brand.name}” deleted.")
            return redirect("branding:list")
    context = {"edited_brand": brand, "refusal": refusal}
    return render(request, "branding/confirm_delete.html", context)
