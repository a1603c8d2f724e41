"""The customer's own account: password, two-factor authentication and its backup codes,
sessions."""

import django_otp
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from portal.accounts import services
from portal.accounts.devices import describe_sessions
from portal.accounts.two_factor import (
    WRONG_CODE,
    backup_codes_text,
    confirm_authenticator,
    has_two_factor,
    manual_entry_key,
    new_backup_codes,
    pending_authenticator,
    qr_code_svg,
    remaining_backup_codes,
    remove_two_factor,
)
from portal.console import sessions
from portal.console.access import actor_of, customer_required, invalid_form_status
from portal.console.forms import ChangePasswordForm, OneTimeCodeForm, SessionPreferencesForm
from portal.exports import export_filename
from portal.responses import action_succeeded


def _account_context(request, **extra):
    user, customer = request.user, request.customer
    effective = sessions.effective_settings(customer)
    own = sessions.settings_of(customer)
    initial = {
        "idle_timeout_minutes": effective.idle_timeout // 60,
        "concurrent_sessions": effective.concurrent_sessions,
    }
    return {
        "section": "account",
        "password_form": ChangePasswordForm(user=user),
        "preferences_form": SessionPreferencesForm(initial=initial, effective=effective),
        "effective": effective,
        "own": own,
        "two_factor": has_two_factor(user),
        "backup_codes_left": remaining_backup_codes(user),
        "login_sessions": describe_sessions(user.login_sessions.all()),
        "current_key": request.session.session_key,
        **extra,
    }


@customer_required
def account(request):
    return render(request, "console/account.html", _account_context(request))


@sensitive_post_parameters("current_password", "password", "password_confirm")
@require_POST
@customer_required
def change_password(request):
    user = request.user
    form = ChangePasswordForm(request.POST, user=user)
    if form.is_valid():
        services.change_own_password(request, form.cleaned_data["password"])
        message = "Your password was changed. Your other sessions have ended."
        return action_succeeded(request, message, reverse("console:account"))
    context = _account_context(request, password_form=form)
    return render(request, "console/account.html", context, status=invalid_form_status(request))


@require_POST
@customer_required
def session_preferences(request):
    effective = sessions.effective_settings(request.customer)
    form = SessionPreferencesForm(request.POST, effective=effective)
    if form.is_valid():
        sessions.save_own_session_preferences(
            actor_of(request), request.customer, form.cleaned_data
        )
        return action_succeeded(request, "Session settings saved.", reverse("console:account"))
    context = _account_context(request, preferences_form=form)
    return render(request, "console/account.html", context, status=invalid_form_status(request))


@require_POST
@customer_required
def keep_alive(request):
    """ "Stay signed in" of the idle warning: the session's idle timer starts again."""
    sessions.keep_alive(request)
    return HttpResponse(status=204)


@require_POST
@customer_required
def end_session(request, pk):
    login_session = get_object_or_404(request.user.login_sessions, pk=pk)
    if login_session.session_key == request.session.session_key:
        sessions.end_console_session(request)
        return action_succeeded(request, "You are logged out.", reverse("console:login"))
    services.end_own_session(request, login_session)
    return action_succeeded(request, "That session has ended.", reverse("console:account"))


@require_POST
@customer_required
def end_other_sessions(request):
    ended = services.end_other_sessions(request)
    message = f"{ended} other session{'s' if ended != 1 else ''} ended."
    return action_succeeded(request, message, reverse("console:account"))


@sensitive_post_parameters("code")
@never_cache
@customer_required
def two_factor(request):
    """Turn on two-factor authentication: scan the code, then confirm one code from the app."""
    user, customer = request.user, request.customer
    if has_two_factor(user):
        return render(request, "console/two_factor.html", {"enabled": True, "section": "account"})
    device = pending_authenticator(user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        codes = confirm_authenticator(actor_of(request), device, code, customer=customer)
        if codes is not None:
            django_otp.login(request, device)
            messages.success(request, "Two-factor authentication is on.")
            return _show_backup_codes(request, codes, new=True)
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr": qr_code_svg(device, customer=customer),
        "secret": manual_entry_key(device),
        "section": "account",
    }
    return render(request, "console/two_factor.html", context)


def _show_backup_codes(request, codes: list[str], *, new: bool):
    """The backup codes, shown this once, to copy or download as a text file named after the
    brand."""
    brand_name = request.customer.brand.name
    context = {
        "codes": codes,
        "new": new,
        "codes_text": backup_codes_text(codes, brand_name),
        "codes_filename": export_filename(brand_name, "backup codes", "txt"),
        "section": "account",
    }
    return render(request, "console/two_factor.html", context)


@sensitive_post_parameters("current_password")
@never_cache
@require_POST
@customer_required
def backup_codes(request):
    """New backup codes with the current password; the old ones stop working."""
    if not has_two_factor(request.user):
        return redirect("console:two_factor")
    if not request.user.check_password(request.POST.get("current_password", "")):
        context = _account_context(request, backup_codes_error="This is not your current password.")
        status = invalid_form_status(request)
        return render(request, "console/account.html", context, status=status)
    codes = new_backup_codes(actor_of(request), request.user, customer=request.customer)
    messages.success(request, "New backup codes made. Your old codes no longer work.")
    return _show_backup_codes(request, codes, new=False)


@sensitive_post_parameters("current_password")
@require_POST
@customer_required
def two_factor_off(request):
    if not request.user.check_password(request.POST.get("current_password", "")):
        context = _account_context(request, two_factor_error="This is not your current password.")
        status = invalid_form_status(request)
        return render(request, "console/account.html", context, status=status)
    remove_two_factor(actor_of(request), request.user, customer=request.customer)
    message = "Two-factor authentication is off."
    return action_succeeded(request, message, reverse("console:account"))
