"""Usage reports as CSV downloads, for reseller staff."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.accounts.permissions import staff_required
from portal.customers.models import Customer
from portal.usage import reports


@staff_required()
def monthly_report_csv(request):
    """Every customer's usage in one month (``?month=YYYY-MM``, default last month)."""
    month = _month(request.GET.get("month"))
    rows = reports.monthly_usage(month.year, month.month)
    return _csv_response(rows, f"usage-{month:%Y-%m}.csv")


@staff_required()
def customer_report_csv(request, customer_id):
    """One customer's usage month by month over the last year."""
    customer = get_object_or_404(Customer, pk=customer_id)
    rows = reports.customer_monthly_usage(customer)
    return _csv_response(rows, f"usage-{customer.pk}.csv")


def _month(value: str | None) -> datetime.date:
    if not value:
        return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError as error:
        raise Http404("No such month.") from error


def _csv_response(rows, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    reports.write_csv(rows, response)
    return response
