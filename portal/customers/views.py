from django.db.models import Count, Q, Sum
from django.shortcuts import render

from portal.accounts.permissions import staff_required
from portal.customers.models import Customer


@staff_required()
def dashboard(request):
    """The reseller's overview, read from the local mirror in one query."""
    totals = Customer.objects.aggregate(
        customers=Count("id"),
        active=Count("id", filter=Q(is_active=True, is_signed_up=True)),
        disabled=Count("id", filter=Q(is_active=False)),
        invited=Count("id", filter=Q(is_signed_up=False)),
        storage_used=Sum("storage_used_bytes", default=0),
        quota_sold_gb=Sum("quota_gb", default=0),
    )
    return render(request, "customers/dashboard.html", {"totals": totals})
