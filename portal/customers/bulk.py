"""One action on many customers at once: the per-customer workflow, one customer at a time.

Each customer goes through the same service function as on its own page, so each one gets
its own audit record and its own outcome; one refusal does not stop the others.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from portal.audit.services import Actor
from portal.customers import services
from portal.customers.models import Customer
from portal.errors import PortalError, PortalRefusal

# At most one page of the customer list (its largest page size) at a time.
BULK_LIMIT = 100


@dataclass(frozen=True)
class BulkAction:
    service: Callable[[Actor, Customer], object]
    title: str  # the question, with {count}
    text: str
    button: str  # with {count}
    done: str  # the outcome for those it worked on, with {count} and {customers}
    none_done: str
    failed: str  # the outcome for the others, with {count}


ACTIONS = {
    "disable": BulkAction(
        service=services.disable_customer,
        title="Disable {count} {customers}?",
        text="They can no longer log in or reach their data until you enable them again. "
        "Their open sessions end now.",
        button="Disable {count} {customers}",
        done="{count} {customers} disabled",
        none_done="No customer was disabled",
        failed="{count} could not be",
    ),
    "enable": BulkAction(
        service=services.enable_customer,
        title="Enable {count} {customers}?",
        text="They can log in and reach their data again.",
        button="Enable {count} {customers}",
        done="{count} {customers} enabled",
        none_done="No customer was enabled",
        failed="{count} could not be",
    ),
    "reset_link": BulkAction(
        service=services.send_password_reset_link,
        title="Send a password reset link to {count} {customers}?",
        text="Each one receives an email in their brand's name with a link to choose a new "
        "password for the console.",
        button="Send {count} {links}",
        done="A password reset link was sent to {count} {customers}",
        none_done="No password reset link was sent",
        failed="{count} could not get one",
    ),
}


class NothingSelected(PortalRefusal):
    human_message = "Select at least one customer first."


class TooManySelected(PortalRefusal):
    human_message = f"Select at most {BULK_LIMIT} customers at a time."


class UnknownBulkAction(PortalRefusal):
    human_message = "This action cannot be applied to several customers."


def _customers(count: int) -> str:
    return "customer" if count == 1 else "customers"


def wording(action: str, count: int) -> dict:
    """The confirmation's title, text and button for ``count`` customers."""
    spec = action_spec(action)
    words = {
        "count": count,
        "customers": _customers(count),
        "links": "link" if count == 1 else "links",
    }
    return {
        "title": spec.title.format(**words),
        "text": spec.text,
        "button": spec.button.format(**words),
    }


def action_spec(action: str) -> BulkAction:
    try:
        return ACTIONS[action]
    except KeyError:
        raise UnknownBulkAction() from None


def selected_customers(ids: Iterable) -> list[Customer]:
    """The customers of ``ids`` (numbers or their text), in the order of the list's default;
    a refusal when there are none or more than ``BULK_LIMIT``."""
    wanted = set()
    for value in ids:
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            continue
    if len(wanted) > BULK_LIMIT:
        raise TooManySelected()
    customers = list(Customer.objects.select_related("brand", "user").filter(pk__in=wanted))
    if not customers:
        raise NothingSelected()
    return customers


@dataclass
class BulkResult:
    action: str
    done: list[Customer] = field(default_factory=list)
    failed: list[tuple[Customer, str]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """ "3 customers disabled; 1 could not be: <sentence>"."""
        spec = ACTIONS[self.action]
        count = len(self.done)
        text = (
            spec.done.format(count=count, customers=_customers(count)) if count else spec.none_done
        )
        if self.failed:
            sentences = " ".join(dict.fromkeys(sentence for _, sentence in self.failed))
            text += "; " + spec.failed.format(count=len(self.failed)) + ": " + sentences
        return text if text.endswith(".") else text + "."


def apply_to_customers(actor: Actor, action: str, customers: Iterable[Customer]) -> BulkResult:
    """Run the per-customer workflow of ``action`` on each customer; collect the outcomes."""
    spec = action_spec(action)
    result = BulkResult(action)
    for customer in customers:
        try:
            spec.service(actor, customer)
        except PortalError as failure:
            sentence = str(failure.human_message)
            if failure.outcome_unknown:
                sentence += " Refresh the customer list from e2 to see the current state."
            result.failed.append((customer, sentence))
        else:
            result.done.append(customer)
    return result
