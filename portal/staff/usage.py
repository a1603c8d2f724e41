"""Usage reports as CSV downloads, for reseller staff."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.accounts.permissions import staff_required
from portal.customers.models import Customer
from portal.exports import csv_response
from portal.usage import reports


@staff_required()
def monthly_report_csv(request):
    """Every customer's usage in one month (``?month=YYYY-MM``, default last month)."""
    month = _month(request.GET.get("month"))
    rows = reports.monthly_usage(month.year, month.month)
    return csv_response(f"usage-{month:%Y-%m}.csv", reports.CSV_HEADER, reports.csv_rows(rows))


@staff_required()
def customer_report_csv(request, customer_id):
    """One customer's usage month by month over the last year."""
    customer = get_object_or_404(Customer, pk=customer_id)
    rows = reports.customer_monthly_usage(customer)
    return csv_response(f"usage-{customer.pk}.csv", reports.CSV_HEADER, reports.csv_rows(rows))


def _month(value: str | None) -> datetime.date:
    if not value:
        return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError as error:
        raise Http404("No such month.") from error
