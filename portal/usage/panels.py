"""What the reseller dashboard shows about background work, read from local rows only.

The dashboard view adds ``dashboard_panels()`` to its context and includes
``usage/_sync_panel.html``, ``usage/_expiring_certificates.html`` and
``usage/_over_quota.html``.
"""

from django.conf import settings

from portal.usage.alerts import customers_over_quota_threshold, expiring_certificates
from portal.usage.models import SyncRun

PANEL_ROWS = 20


def dashboard_panels() -> dict:
    """Context for the dashboard's background-work panels."""
    return {
        "last_sync_run": SyncRun.objects.first(),
        "expiring_certificates": list(expiring_certificates()[:PANEL_ROWS]),
        "customers_over_quota": list(customers_over_quota_threshold()[:PANEL_ROWS]),
        "quota_alert_threshold": settings.QUOTA_ALERT_THRESHOLD_PERCENT,
        "certificate_warning_days": settings.CERTIFICATE_EXPIRY_WARNING_DAYS,
    }
