"""The reseller's overview, read from the local mirror and the audit log."""

import datetime

from django.db.models import Count, Q, Sum
from django.shortcuts import render

from portal.accounts.permissions import OWNER_ROLES, has_role, staff_required
from portal.audit.models import AuditRecord
from portal.customers.models import Customer, Invitation
from portal.reseller.onboarding import first_run_checklist
from portal.usage.models import UsageDay
from portal.usage.panels import dashboard_panels
from portal.usage.reports import chart_data


@staff_required()
def dashboard(request):
    """The reseller's overview, read from the local mirror and the audit log."""
    totals = Customer.objects.aggregate(
        customers=Count("id"),
        active=Count("id", filter=Q(is_active=True, is_signed_up=True)),
        disabled=Count("id", filter=Q(is_active=False)),
        invited=Count("id", filter=Q(is_signed_up=False)),
        storage_used=Sum("storage_used_bytes", default=0),
        quota_sold_gb=Sum("quota_gb", default=0),
    )
    totals["pending_invitations"] = Invitation.objects.filter(status="pending").count()
    context = {
        "totals": totals,
        "chart": _transfer_last_30_days(),
        "top_customers": Customer.objects.order_by("-storage_used_bytes")[:5],
        "recent": AuditRecord.objects.select_related("customer")[:8],
        "attention": AuditRecord.objects.filter(outcome__in=["failed", "unknown"])[:8],
        **dashboard_panels(),
        # Owners see the first-run checklist until every step is done.
        "onboarding": first_run_checklist() if has_role(request.user, OWNER_ROLES) else None,
    }
    return render(request, "customers/dashboard.html", context)


def _transfer_last_30_days():
    since = datetime.date.today() - datetime.timedelta(days=30)
    days = (
        UsageDay.objects.filter(date__gte=since)
        .values("date")
        .annotate(uploads=Sum("uploads"), downloads=Sum("downloads"), disk_used=Sum("disk_used"))
        .order_by("date")
    )
    return chart_data(days)
