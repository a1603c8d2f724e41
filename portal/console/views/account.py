"""The customer's own account: password, two-factor authentication, sessions."""

import django_otp
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from portal.accounts import services
from portal.accounts.two_factor import (
    WRONG_CODE,
    confirm_authenticator,
    has_two_factor,
    manual_entry_key,
    pending_authenticator,
    qr_code_svg,
    remove_two_factor,
)
from portal.console import sessions
from portal.console.access import actor_of, customer_required, invalid_form_status
from portal.console.forms import ChangePasswordForm, OneTimeCodeForm, SessionPreferencesForm
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
        "login_sessions": list(user.login_sessions.all()),
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
        if confirm_authenticator(actor_of(request), device, code, customer=customer) is not None:
            django_otp.login(request, device)
            message = "Two-factor authentication is on."
            return action_succeeded(request, message, reverse("console:account"))
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr": qr_code_svg(device, customer=customer),
        "secret": manual_entry_key(device),
        "section": "account",
    }
    return render(request, "console/two_factor.html", context)


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
