"""The reseller's session controls for customer consoles (owner and admins)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from portal.accounts.permissions import CHANGE_ROLES, staff_required
from portal.console.models import CustomerSessionSettings, SessionPolicy
from portal.customers.models import Customer
from portal.e2 import limits


class SessionPolicyForm(forms.ModelForm):
    idle_timeout_minutes = forms.IntegerField(
        label="Idle session timeout (minutes)", min_value=1, max_value=limits.IDLE_TIMEOUT_MAX // 60
    )

    class Meta:
        model = SessionPolicy
        fields = [
            "customers_may_set_idle_timeout",
            "concurrent_sessions",
            "customers_may_change_concurrent_sessions",
        ]
        labels = {
            "customers_may_set_idle_timeout": "Allow customers to set their own timeout",
            "concurrent_sessions": "Allow concurrent sessions",
            "customers_may_change_concurrent_sessions": "Allow customers to change this",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idle_timeout_minutes"].initial = self.instance.idle_timeout // 60

    def save(self, commit=True):
        self.instance.idle_timeout = self.cleaned_data["idle_timeout_minutes"] * 60
        return super().save(commit)


class AccountOverrideForm(forms.Form):
    CHOICES = [("", "As for all customers"), ("yes", "Allowed"), ("no", "Not allowed")]
    email = forms.EmailField(label="Customer email", max_length=limits.EMAIL_MAX)
    concurrent_sessions = forms.ChoiceField(
        label="Concurrent sessions for this account", choices=CHOICES, required=False
    )

    def clean_email(self):
        customer = Customer.objects.filter(email=self.cleaned_data["email"].lower()).first()
        if customer is None:
            raise forms.ValidationError("There is no customer with this email address.")
        self.customer = customer
        return customer.email


@staff_required(roles=CHANGE_ROLES)
def session_policy(request):
    policy = SessionPolicy.current()
    is_override = request.method == "POST" and "email" in request.POST
    policy_form = SessionPolicyForm(
        request.POST if request.method == "POST" and not is_override else None, instance=policy
    )
    override_form = AccountOverrideForm(request.POST if is_override else None)
    if policy_form.is_bound and policy_form.is_valid():
        policy_form.save()
        messages.success(request, "Session controls saved.")
        return redirect("branding:sessions")
    if override_form.is_bound and override_form.is_valid():
        choice = override_form.cleaned_data["concurrent_sessions"]
        own, _ = CustomerSessionSettings.objects.get_or_create(customer=override_form.customer)
        own.concurrent_sessions_override = {"yes": True, "no": False}.get(choice)
        own.save(update_fields=["concurrent_sessions_override", "updated_at"])
        messages.success(request, f"Concurrent sessions of {own.customer.email} saved.")
        return redirect("branding:sessions")
    overrides = CustomerSessionSettings.objects.filter(
        concurrent_sessions_override__isnull=False
    ).select_related("customer")
    context = {"policy_form": policy_form, "override_form": override_form, "overrides": overrides}
    return render(request, "console/staff_sessions.html", context)
