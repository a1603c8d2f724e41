"""Two-factor pages: the code step after the password, enrolment, backup codes, removal."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.accounts import two_factor
from portal.accounts.forms import PasswordConfirmForm, TwoFactorCodeForm
from portal.accounts.permissions import staff_required
from portal.accounts.sessions import rotate_session_key
from portal.audit.services import Actor

WRONG_CODE = "This code is not right, or it was used already. Try the next one your app shows."
THROTTLED = "Too many wrong codes. Wait a few seconds, then try again."


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
def verify(request):
    """The second step of logging in, for people who set up two-factor."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if two_factor.is_verified(user) or not two_factor.has_two_factor(user):
        return redirect(next_url)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # While a wrong code's wait runs, not even the right code is tried.
        waiting = two_factor.throttled(user)
        device = None if waiting else two_factor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            rotate_session_key(request)
            if device.name == two_factor.BACKUP_CODES_NAME:
                left = two_factor.remaining_backup_codes(user)
                messages.warning(request, f"You used a backup code; {left} are left.")
            return redirect(next_url)
        form.add_error("code", THROTTLED if waiting else WRONG_CODE)
    return render(request, "accounts/verify.html", {"form": form, "next": next_url})


@staff_required()
@never_cache
def enrol(request):
    """Set up an authenticator app: scan the QR code, type the code it shows."""
    user = request.user
    if two_factor.has_two_factor(user):
        messages.info(request, "Two-factor is already on. Turn it off first to use a new app.")
        return redirect("account:overview")
    device = two_factor.pending_authenticator(user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_authenticator(
            Actor.from_request(request), device, form.cleaned_data["code"]
        )
        if codes is not None:
            django_otp.login(request, device)
            rotate_session_key(request)
            context = {"codes": codes, "new": True, "next": _next_url(request)}
            return render(request, "accounts/backup_codes.html", context)
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "manual_key": two_factor.manual_entry_key(device),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@staff_required()
@require_POST
@never_cache
def backup_codes(request):
    """New backup codes, shown once; the old ones stop working."""
    form = PasswordConfirmForm(request.POST, user=request.user)
    if not two_factor.has_two_factor(request.user):
        return redirect("account:two_factor_enrol")
    if not form.is_valid():
        messages.error(request, "New backup codes need your password.")
        return redirect("account:overview")
    codes = two_factor.new_backup_codes(Actor.from_request(request), request.user)
    context = {"codes": codes, "new": False, "next": resolve_url("account:overview")}
    return render(request, "accounts/backup_codes.html", context)


@staff_required()
@require_POST
def disable(request):
    """Turn two-factor off (with the password). Where the owner requires it, the next page
    is the enrolment again."""
    form = PasswordConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "Turning two-factor off needs your password.")
        return redirect("account:overview")
    two_factor.remove_two_factor(Actor.from_request(request), request.user)
    messages.success(request, "Two-factor is off for your account.")
    return redirect("account:overview")
