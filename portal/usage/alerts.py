"""What the reseller must hear about: certificates that expire soon, customers near their
quota. Listed on the dashboard from local rows; emailed to the reseller's owners once."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import DecimalField, F
from django.db.models.functions import Cast
from django.utils import timezone

from branding.models import Brand
from portal.accounts.models import User
from portal.customers.models import Customer
from portal.jobs.models import CustomDomain
from portal.units import GB
from portal.usage.models import QuotaAlert


def expiring_certificates():
    """Custom domains whose certificate ends within CERTIFICATE_EXPIRY_WARNING_DAYS."""
    soon = timezone.now() + datetime.timedelta(days=settings.CERTIFICATE_EXPIRY_WARNING_DAYS)
    return (
        CustomDomain.objects.filter(certificate_expires_at__lte=soon)
        .select_related("storage__customer")
        .order_by("certificate_expires_at")
    )


def customers_over_quota_threshold():
    """Customers with a quota whose use is at or over QUOTA_ALERT_THRESHOLD_PERCENT of it."""
    threshold = settings.QUOTA_ALERT_THRESHOLD_PERCENT
    # In whole numbers (bytes * 100 against quota GB * 10^9 * percent), as exact decimals:
    # no rounding, and no overflow even for a quota of a billion GB (past a 64-bit integer).
    whole = DecimalField(max_digits=38, decimal_places=0)
    return (
        Customer.objects.filter(quota_gb__gt=0)
        .alias(
            used_x100=Cast("storage_used_bytes", whole) * 100,
            limit_x100=Cast("quota_gb", whole) * (GB * threshold),
        )
        .filter(used_x100__gte=F("limit_x100"))
        .order_by("-storage_used_bytes")
    )


def email_expiring_certificates() -> int:
    """Email the owners about certificates expiring soon, once a day; how many were listed."""
    today = timezone.localdate()
    domains = list(expiring_certificates().exclude(expiry_warning_sent_on=today))
    if not domains:
        return 0
    lines = [
        f"- {domain.cname} ({domain.storage.customer.email}): "
        f"{_expiry_phrase(domain.certificate_expires_at)}"
        for domain in domains
    ]
    _mail_owners(
        f"{len(domains)} certificate(s) of custom domains expire soon",
        "The certificates of these custom domains expire soon. Replace each one with a "
        "renewed certificate from the customer's custom domains page.\n\n" + "\n".join(lines),
    )
    CustomDomain.objects.filter(pk__in=[d.pk for d in domains]).update(expiry_warning_sent_on=today)
    return len(domains)


def check_quota_thresholds() -> int:
    """Open an alert (and email the owners) for each customer that crossed the threshold,
    close the alerts of customers back under it; the number of new crossings."""
    threshold = settings.QUOTA_ALERT_THRESHOLD_PERCENT
    over = {customer.pk: customer for customer in customers_over_quota_threshold()}
    with transaction.atomic():
        open_alerts = QuotaAlert.objects.select_for_update().filter(
            cleared_at__isnull=True, threshold_percent=threshold
        )
        already_alerted = set(open_alerts.values_list("customer_id", flat=True))
        open_alerts.exclude(customer_id__in=over).update(cleared_at=timezone.now())
        crossed = [
            QuotaAlert.objects.create(
                customer=customer,
                threshold_percent=threshold,
                used_percent=round(customer.quota_used_percent or 0, 1),
            )
            for customer_id, customer in over.items()
            if customer_id not in already_alerted
        ]
    for alert in crossed:
        customer = alert.customer
        _mail_owners(
            f"{customer.email} has used {alert.used_percent:.0f}% of their storage quota",
            f"{customer.name or customer.email} ({customer.email}) has used "
            f"{alert.used_percent:.0f}% of their {customer.quota_gb} GB quota, over your "
            f"alert threshold of {threshold}%.\n\nYou may want to raise their quota or let "
            "them know. You will not hear about this again until their use falls below the "
            "threshold and crosses it once more.",
        )
        QuotaAlert.objects.filter(pk=alert.pk).update(notified_at=timezone.now())
    return len(crossed)


def _expiry_phrase(moment) -> str:
    if moment <= timezone.now():
        return f"expired on {timezone.localdate(moment):%Y-%m-%d}"
    return f"expires on {timezone.localdate(moment):%Y-%m-%d}"


def _mail_owners(subject: str, body: str) -> None:
    """Send the portal's own mail, in the default brand's name, to the reseller's owners."""
    recipients = list(
        User.objects.filter(role=User.Role.OWNER, is_active=True).values_list("email", flat=True)
    )
    if not recipients:
        return
    brand = Brand.objects.filter(is_default=True).first()
    sender = settings.DEFAULT_FROM_EMAIL
    if brand is not None and brand.email_sender_address:
        sender = f"{brand.email_sender_name or brand.name} <{brand.email_sender_address}>"
    prefix = f"[{brand.name}] " if brand is not None else ""
    send_mail(prefix + subject, body, sender, recipients)
