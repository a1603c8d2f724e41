"""Pages of background jobs: the job's live progress, a customer's jobs, and the custom-domain
forms that queue them. Staff only; support staff may look but not change."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseStopPolling

from portal.accounts.permissions import CHANGE_ROLES, staff_required
from portal.audit.services import Actor
from portal.customers.models import Customer
from portal.errors import PortalError
from portal.jobs import services
from portal.jobs.forms import AttachDomainForm, DetachDomainForm, ReplaceDomainForm
from portal.jobs.models import CustomDomain, Job
from portal.storage.models import Storage


@staff_required()
def job_detail(request, job_id):
    """A job with its progress; the status panel polls until the job ends."""
    job = get_object_or_404(Job.objects.select_related("customer", "storage"), pk=job_id)
    return render(request, "jobs/job_detail.html", _job_context(job))


@staff_required()
def job_status(request, job_id):
    """The status panel, with the page's actions swapped out of band so a button that no
    longer applies goes away; answers 286 once the job has ended, so htmx stops polling."""
    job = get_object_or_404(Job.objects.select_related("customer", "storage"), pk=job_id)
    html = render_to_string("jobs/job_status.html", _job_context(job), request=request)
    return HttpResponseStopPolling(html) if job.has_ended else HttpResponse(html)


@staff_required()
def customer_jobs(request, customer_id):
    """A customer's custom domains and jobs, newest first."""
    customer = get_object_or_404(Customer, pk=customer_id)
    context = {
        "customer": customer,
        "storages": customer.storages.select_related("region").prefetch_related("custom_domains"),
        "jobs": customer.jobs.select_related("requested_by")[:50],
    }
    return render(request, "jobs/customer_jobs.html", context)


@require_POST
@staff_required(CHANGE_ROLES)
def cancel_job(request, job_id):
    job = get_object_or_404(Job, pk=job_id)
    try:
        services.cancel_job(job, Actor.from_request(request))
    except PortalError as error:
        messages.error(request, error.human_message)
    else:
        messages.success(request, "The job was cancelled.")
    return redirect("jobs:detail", job.pk)


@never_cache
@staff_required(CHANGE_ROLES)
def attach_domain(request, storage_id):
    """Check a domain and its certificate, then queue the job that attaches them."""
    storage = get_object_or_404(Storage.objects.select_related("customer"), pk=storage_id)
    form = AttachDomainForm(request.POST or None, request.FILES or None, storage=storage)
    if request.method == "POST" and form.is_valid():
        job = services.queue_cname_job(
            Job.Kind.CNAME_ADD,
            storage=storage,
            requested_by=request.user,
            cname=form.cleaned_data["cname"],
            certificate=form.cleaned_data["certificate"],
            private_key=form.cleaned_data["private_key"],
            passphrase=form.cleaned_data["passphrase"],
        )
        return redirect("jobs:detail", job.pk)
    return render(request, "jobs/domain_form.html", _form_context(form, storage, "attach"))


@never_cache
@staff_required(CHANGE_ROLES)
def replace_domain(request, domain_id):
    """Check the new domain and certificate, then queue the job that replaces the old ones."""
    domain = get_object_or_404(
        CustomDomain.objects.select_related("storage__customer"), pk=domain_id
    )
    form = ReplaceDomainForm(request.POST or None, request.FILES or None, domain=domain)
    if request.method == "POST" and form.is_valid():
        job = services.queue_cname_job(
            Job.Kind.CNAME_UPDATE,
            storage=domain.storage,
            requested_by=request.user,
            cname=domain.cname,
            new_cname=form.cleaned_data["new_cname"],
            file_index=domain.file_index,
            certificate=form.cleaned_data["certificate"],
            private_key=form.cleaned_data["private_key"],
            passphrase=form.cleaned_data["passphrase"],
        )
        return redirect("jobs:detail", job.pk)
    context = _form_context(form, domain.storage, "replace")
    context["domain"] = domain
    return render(request, "jobs/domain_form.html", context)


@staff_required(CHANGE_ROLES)
def detach_domain(request, domain_id):
    """Confirm, then queue the job that detaches a domain."""
    domain = get_object_or_404(
        CustomDomain.objects.select_related("storage__customer"), pk=domain_id
    )
    form = DetachDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = services.queue_cname_job(
            Job.Kind.CNAME_REMOVE,
            storage=domain.storage,
            requested_by=request.user,
            cname=domain.cname,
            file_index=domain.file_index,
        )
        return redirect("jobs:detail", job.pk)
    context = _form_context(form, domain.storage, "detach")
    context["domain"] = domain
    return render(request, "jobs/domain_form.html", context)


def _job_context(job: Job) -> dict:
    return {"job": job, "cancellable": services.can_cancel(job)}


def _form_context(form, storage, action: str) -> dict:
    return {"form": form, "storage": storage, "customer": storage.customer, "action": action}
