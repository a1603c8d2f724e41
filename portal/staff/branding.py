"""Settings > White labeling: the owner creates, edits and deletes brands, with a live preview
of the login page and the console while typing."""

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from branding import colours, coverage, services
from branding.forms import BrandForm, DomainFormSet, EndpointFormSet
from branding.models import Brand, HeaderStyle
from branding.uploads import validated_asset
from portal.accounts.permissions import OWNER_ROLES, staff_required
from portal.audit.services import Actor
from portal.errors import PortalError

PREVIEW_TYPES = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
                 "webp": "image/webp", "ico": "image/x-icon"}  # fmt: skip


@staff_required(roles=OWNER_ROLES)
def brand_list(request):
    brands = list(
        Brand.objects.annotate(customer_count=Count("customers")).prefetch_related("domains")
    )
    for brand in brands:
        brand.setup = coverage.checklist(brand)
        brand.setup_done = sum(item.done for item in brand.setup)
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
        "vendor_host_gaps": coverage.vendor_host_gaps(brand),
    }
    if brand.pk:
        stored = Brand.objects.get(pk=brand.pk)  # the saved state, not what was just typed
        context["checklist"] = coverage.checklist(stored)
        context["checklist_done"] = sum(item.done for item in context["checklist"])
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

    def image(name):
        return _image_src(form, data, name, getattr(brand, f"{name}_src") if brand.pk else "")

    primary = value("primary_colour", "#1f4b99")
    header_style = value("header_style", HeaderStyle.LIGHT)
    logo_src, logo_dark_src = image("logo"), image("logo_dark")
    coloured = header_style == HeaderStyle.COLOURED
    return {
        "name": value("name", "Your brand"),
        "primary_colour": primary,
        "primary_rgb": colours.rgb_channels(primary),
        "primary_fg": colours.foreground_on(primary),
        "primary_text": colours.readable_text(primary),
        "accent_colour": value("accent_colour", "#f29f05"),
        "header_coloured": coloured,
        "header_logo_src": (logo_dark_src or logo_src) if coloured else logo_src,
        "copyright_line": value("copyright") or value("name", "Your brand"),
        "support_email": value("support_email"),
        "logo_src": logo_src,
        "favicon_src": image("favicon"),
        "contrast_warnings": colours.contrast_warnings(
            primary, header_style, logo=bool(logo_src), logo_dark=bool(logo_dark_src)
        ),
        "errors": _labelled_errors(form) if form.is_bound else {},
    }


def _labelled_errors(form) -> dict:
    """The form's errors by field label, as the preview lists them."""
    return {
        (form.fields[name].label if name in form.fields else "Brand"): errors
        for name, errors in form.errors.items()
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
