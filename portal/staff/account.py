"""A staff member's own account: password, logged-in browsers, two-factor enrolment, backup
codes and removal."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from portal.accounts import services, two_factor
from portal.accounts.devices import describe_sessions
from portal.accounts.forms import PasswordConfirmForm, TwoFactorCodeForm
from portal.accounts.models import LoginSession
from portal.accounts.permissions import staff_required
from portal.accounts.sessions import rotate_session_key
from portal.audit.services import Actor
from portal.staff.auth import next_url_of


def _overview(request, *, password_form=None, end_others_form=None, status=200):
    user = request.user
    context = {
        "password_form": password_form or PasswordChangeForm(user=user),
        "end_others_form": end_others_form or PasswordConfirmForm(user=user),
        "login_sessions": describe_sessions(LoginSession.objects.filter(user=user)),
        "current_session_key": request.session.session_key,
        "has_two_factor": two_factor.has_two_factor(user),
        "backup_codes_left": two_factor.remaining_backup_codes(user),
    }
    return render(request, "accounts/account.html", context, status=status)


@staff_required()
@require_safe
@never_cache
def overview(request):
    return _overview(request)


@staff_required()
@require_POST
def change_password(request):
    form = PasswordChangeForm(user=request.user, data=request.POST)
    if not form.is_valid():
        return _overview(request, password_form=form, status=400)
    ended = services.change_own_password(request, form.cleaned_data["new_password1"])
    others = f" {ended} other session{'s' if ended != 1 else ''} were logged out." if ended else ""
    messages.success(request, f"Your password was changed.{others}")
    return redirect("account:overview")


@staff_required()
@require_POST
def end_session(request, pk):
    login_session = get_object_or_404(LoginSession, pk=pk, user=request.user)
    if login_session.session_key == request.session.session_key:
        messages.error(request, "That is this browser: use Log out instead.")
    else:
        services.end_own_session(request, login_session)
        messages.success(request, "That browser was logged out.")
    return redirect("account:overview")


@staff_required()
@require_POST
def end_other_sessions(request):
    form = PasswordConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        return _overview(request, end_others_form=form, status=400)
    ended = services.end_other_sessions(request)
    messages.success(request, f"{ended} other session{'s' if ended != 1 else ''} logged out.")
    return redirect("account:overview")


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
            context = {"codes": codes, "new": True, "next": next_url_of(request)}
            return render(request, "accounts/backup_codes.html", context)
        form.add_error("code", two_factor.WRONG_CODE)
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
