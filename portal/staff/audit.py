"""The audit log page: every mutating operation, filterable and exportable."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render

from portal.accounts.permissions import staff_required
from portal.audit.models import AuditRecord
from portal.exports import csv_response, export_filename


class AuditFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Who or what")
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *AuditRecord.Outcome.choices]
    )
    action = forms.CharField(required=False, label="Action")
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


def filtered_records(form):
    from django.db.models import Q

    records = AuditRecord.objects.all()
    if not form.is_valid():
        return records
    data = form.cleaned_data
    if data["q"]:
        records = records.filter(
            Q(actor_label__icontains=data["q"])
            | Q(target__icontains=data["q"])
            | Q(customer_email__icontains=data["q"])
        )
    if data["outcome"]:
        records = records.filter(outcome=data["outcome"])
    if data["action"]:
        records = records.filter(action__startswith=data["action"])
    if data["start"]:
        records = records.filter(started_at__date__gte=data["start"])
    if data["end"]:
        records = records.filter(started_at__date__lte=data["end"])
    return records


@staff_required()
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    page = Paginator(filtered_records(form), 100).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"form": form, "page": page})


@staff_required()
def audit_export(request):
    form = AuditFilterForm(request.GET or None)
    from branding.models import Brand

    brand = Brand.objects.filter(is_default=True).first()
    rows = (
        [
            r.started_at.isoformat(),
            r.finished_at.isoformat() if r.finished_at else "",
            r.actor_label,
            r.action,
            r.target,
            r.customer_email,
            r.outcome,
            r.error_code,
            r.error_message,
            r.request_id,
            r.ip_address or "",
        ]
        for r in filtered_records(form).iterator()
    )
    return csv_response(
        export_filename(brand.name if brand else "portal", "audit log", "csv"),
        [
            "started",
            "finished",
            "who",
            "action",
            "target",
            "customer",
            "outcome",
            "code",
            "message",
            "request_id",
            "ip",
        ],
        rows,
    )
