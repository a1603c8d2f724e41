"""Logging in and out of the customer console, password reset and accepting invitations, all
on the brand's own domain."""

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from portal.accounts import two_factor
from portal.accounts.invitations import InvitationNotUsable
from portal.audit.services import Actor
from portal.console import sessions
from portal.console.forms import (
    ConsoleLoginForm,
    NewPasswordForm,
    PasswordResetRequestForm,
)
from portal.customers.invitations import accept_invitation
from portal.customers.invitations import invitation_for_token as customer_invitation
from portal.customers.models import Customer
from portal.customers.services import send_password_reset_link
from portal.errors import PortalError

ENDED_MESSAGES = {
    "idle": "You were logged out because you were inactive for a while. Please log in again.",
    "disabled": "Your account is disabled.",
    "ended": "Your session has ended. Please log in again.",
}
PENDING_LOGIN_SECONDS = 300


class LoginCodeForm(forms.Form):
    """The second login step: the 6 digits the authenticator app shows, or a backup code."""

    code = forms.CharField(
        label="Code from your authenticator app, or a backup code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        digits = code.isdigit() and len(code) == two_factor.TOTP_DIGITS
        if not digits and not (code.isalnum() and len(code) == two_factor.BACKUP_CODE_LENGTH):
            raise forms.ValidationError(
                "Enter the 6 digits your app shows, or one of your backup codes."
            )
        return code


def _backup_code_notice(left: int) -> str:
    if not left:
        return (
            "You used your last backup code. Make new ones on your account page "
            "before you need one again."
        )
    return f"You used a backup code: you have {left} code{'s' if left != 1 else ''} left."


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed and target.startswith("/console/") else "/console/"


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    if request.customer is not None:
        return redirect("console:dashboard")
    form = ConsoleLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, customer = form.get_user(), form.customer
        if two_factor.has_two_factor(user):
            request.session[sessions.PENDING_LOGIN] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": _next_url(request),
            }
            return redirect("console:login_code")
        sessions.start_console_session(request, user, customer)
        return redirect(_next_url(request))
    ended = request.GET.get("ended", "")
    notice = ENDED_MESSAGES.get(ended)
    if ended == "disabled" and request.brand and request.brand.support_email:
        notice += f" Please contact {request.brand.support_email}."
    context = {"form": form, "notice": notice, "next": request.GET.get("next", "")}
    return render(request, "console/login.html", context)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_code(request):
    """The second step for customers who turned on two-factor authentication."""
    pending = request.session.get(sessions.PENDING_LOGIN)
    if not pending or time.time() - pending["at"] > PENDING_LOGIN_SECONDS:
        request.session.pop(sessions.PENDING_LOGIN, None)
        return redirect("console:login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    customer = Customer.objects.filter(user=user, brand=request.brand, is_active=True).first()
    if customer is None or not two_factor.has_two_factor(user):
        request.session.pop(sessions.PENDING_LOGIN, None)
        return redirect("console:login")
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The same rule as staff: while a wrong code's wait runs, the page says so.
        waiting = two_factor.throttled(user)
        used = None if waiting else two_factor.verify_code(user, form.cleaned_data["code"])
        if used is not None:
            del request.session[sessions.PENDING_LOGIN]
            user.backend = pending["backend"]
            sessions.start_console_session(request, user, customer, device=used)
            if two_factor.is_backup_code_device(used):
                actor = Actor.from_request(request)
                left = two_factor.record_backup_code_use(actor, user, customer=customer)
                messages.warning(request, _backup_code_notice(left))
            return redirect(pending["next"])
        form.add_error("code", two_factor.THROTTLED if waiting else two_factor.WRONG_CODE)
    return render(request, "console/login_code.html", {"form": form})


@require_POST
def logout_view(request):
    sessions.end_console_session(request)
    return redirect("console:login")


@csrf_protect
@never_cache
def password_reset(request):
    """Ask for a reset link; the answer is the same whether or not the address is known."""
    form = PasswordResetRequestForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        customer = Customer.objects.filter(
            email=form.cleaned_data["email"].lower(), brand=request.brand, is_active=True
        ).first()
        if customer is not None:
            send_password_reset_link(Actor(user=None, label=customer.email), customer)
        sent = True
    return render(request, "console/password_reset.html", {"form": form, "sent": sent})


@sensitive_post_parameters("password", "password_confirm")
@csrf_protect
@never_cache
def password_reset_confirm(request, uidb64, token):
    """Choose a new password from an emailed link; valid only on the customer's brand."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
    except (ValueError, TypeError):
        pk = None
    customer = (
        Customer.objects.select_related("user").filter(user__pk=pk, brand=request.brand).first()
        if pk and str(pk).isdigit()
        else None
    )
    user = customer.user if customer else None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "console/password_reset_confirm.html", {"invalid": True})
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        from portal.accounts.sessions import end_all_sessions

        user.set_password(form.cleaned_data["password"])
        user.save(update_fields=["password"])
        end_all_sessions(user)
        return render(request, "console/password_reset_confirm.html", {"done": True})
    return render(request, "console/password_reset_confirm.html", {"form": form})


@sensitive_post_parameters("password", "password_confirm")
@csrf_protect
@never_cache
def accept_customer_invitation(request, token):
    """A new customer chooses a password; their account is created now."""
    try:
        invitation = customer_invitation(token)
    except InvitationNotUsable as error:
        return render(
            request, "console/invitation.html", {"error": error.human_message}, status=410
        )
    if request.brand is None or invitation.brand_id != request.brand.pk:
        raise Http404
    person = get_user_model()(
        email=invitation.email, first_name=invitation.first_name, last_name=invitation.last_name
    )
    form = NewPasswordForm(request.POST or None, user=person)
    context = {"form": form, "invitation": invitation}
    if request.method == "POST" and form.is_valid():
        try:
            customer = accept_invitation(token, form.cleaned_data["password"])
        except PortalError as error:
            context["error"] = error.human_message
        else:
            user = customer.user
            user.backend = "django.contrib.auth.backends.ModelBackend"
            sessions.start_console_session(request, user, customer)
            return redirect("console:dashboard")
    return render(request, "console/invitation.html", context)
