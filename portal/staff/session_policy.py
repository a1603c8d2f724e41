"""The reseller's session controls for customer consoles (owner and admins)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from portal.accounts.permissions import CHANGE_ROLES, staff_required
from portal.audit.services import Actor
from portal.console import sessions
from portal.console.forms import AccountOverrideForm, SessionPolicyForm
from portal.console.models import CustomerSessionSettings, SessionPolicy


@staff_required(roles=CHANGE_ROLES)
def session_policy(request):
    policy = SessionPolicy.current()
    is_override = request.method == "POST" and "email" in request.POST
    policy_form = SessionPolicyForm(
        request.POST if request.method == "POST" and not is_override else None, instance=policy
    )
    override_form = AccountOverrideForm(request.POST if is_override else None)
    if policy_form.is_bound and policy_form.is_valid():
        sessions.save_session_policy(Actor.from_request(request), policy_form)
        messages.success(request, "Session controls saved.")
        return redirect("branding:sessions")
    if override_form.is_bound and override_form.is_valid():
        choice = override_form.cleaned_data["concurrent_sessions"]
        customer = override_form.customer
        sessions.set_concurrent_sessions_override(
            Actor.from_request(request), customer, {"yes": True, "no": False}.get(choice)
        )
        messages.success(request, f"Concurrent sessions of {customer.email} saved.")
        return redirect("branding:sessions")
    overrides = CustomerSessionSettings.objects.filter(
        concurrent_sessions_override__isnull=False
    ).select_related("customer")
    context = {"policy_form": policy_form, "override_form": override_form, "overrides": overrides}
    return render(request, "console/staff_sessions.html", context)
