"""Recording mutating operations before and after they happen."""

import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import timezone

from portal.audit.models import AuditRecord
from portal.client_address import client_address
from portal.errors import PortalError
from portal.observability import request_id_var

logger = logging.getLogger(__name__)

# Request parameters never copied into an audit record's details.
SECRET_DETAILS = {"password", "secret_key", "private_key", "passphrase", "token", "public_key"}


@dataclass(frozen=True)
class Actor:
    """Who asks for an operation: a logged-in person, or the system itself."""

    user: object | None
    label: str
    ip_address: str | None = None

    @classmethod
    def from_request(cls, request) -> "Actor":
        user = request.user if request.user.is_authenticated else None
        return cls(
            user=user,
            label=user.email if user else "anonymous",
            ip_address=client_address(request),
        )

    @classmethod
    def system(cls, what: str = "system") -> "Actor":
        return cls(user=None, label=what)


def _safe_details(details: dict | None) -> dict:
    return {
        key: value for key, value in (details or {}).items() if key.lower() not in SECRET_DETAILS
    }


@contextmanager
def audited(action: str, *, actor: Actor, target: str = "", customer=None, details=None):
    """Record ``action`` as pending, run the block, then record its outcome.

    The pending row is saved before the block runs (outside any transaction the block may
    open), so if the process dies mid-call the record stays pending: an unknown outcome.
    """
    record = AuditRecord.objects.create(
        actor=actor.user,
        actor_label=actor.label[:255],
        action=action,
        target=str(target)[:255],
        customer=customer,
        customer_email=getattr(customer, "email", "") or "",
        details=_safe_details(details),
        request_id=request_id_var.get() if request_id_var.get() != "-" else "",
        ip_address=actor.ip_address,
    )
    customer_before = record.customer_id
    try:
        yield record
    except PortalError as error:
        outcome = (
            AuditRecord.Outcome.UNKNOWN if error.outcome_unknown else AuditRecord.Outcome.FAILED
        )
        _finish(record, customer_before, outcome, error.code or "", error.human_message)
        raise
    except Exception as error:
        _finish(
            record,
            customer_before,
            AuditRecord.Outcome.UNKNOWN,
            "internal_error",
            type(error).__name__,
        )
        raise
    else:
        _finish(record, customer_before, AuditRecord.Outcome.SUCCEEDED)


def _finish(record, customer_before, outcome: str, code: str = "", message: str = "") -> None:
    record.outcome, record.error_code, record.error_message = outcome, code[:64], message
    record.finished_at = timezone.now()
    fields = ["outcome", "error_code", "error_message", "finished_at"]
    # A block that created the customer links it; one that removed it must not re-link it.
    if record.customer_id != customer_before and record.customer_id is not None:
        record.customer_email = record.customer.email
        fields += ["customer", "customer_email"]
    record.save(update_fields=fields)
    logger.info(
        "audit",
        extra={"action": record.action, "target": record.target, "outcome": outcome, "code": code},
    )
