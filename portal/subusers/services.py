"""Workflows on a customer's sub-users (team members); both consoles' views call these.

Every change goes to e2 inside `audited(...)`, and the mirror changes only after e2 confirmed
it. e2 is never asked to email anyone. Local refusals (portal/subusers/errors.py) happen before
any call to e2. Invitations, which the portal sends itself, are in invitations.py.
"""

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone

from branding.white_label import white_label_entries
from portal.audit.services import Actor, audited
from portal.e2 import limits
from portal.e2.client import E2Client, open_client
from portal.e2.errors import UserAccountAlreadyDisabled, UserAccountAlreadyEnabled
from portal.e2.types import ActivityEntry, StorageAccess, SubuserSettings
from portal.e2.types import Subuser as RemoteSubuser
from portal.subusers import mirror
from portal.subusers.errors import (
    InvalidActivityRange,
    InvalidSubuserChange,
    SubuserAlreadyExists,
    SubuserLimitReached,
    SubuserNotDisabled,
)
from portal.subusers.models import Subuser, SubuserInvitation


def is_flag(value) -> bool:
    return isinstance(value, bool)


def is_idle_timeout(value) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and limits.IDLE_TIMEOUT_MIN <= value <= limits.IDLE_TIMEOUT_MAX
    )


# Settings update_subuser may change: the name people know them by, and the check of a value.
UPDATABLE_SETTINGS = {
    "permissions": ("access", lambda value: value in limits.PERMISSIONS and not is_flag(value)),
    "is_admin": ("administrator", is_flag),
    "disable_delete_object": ("prevent deleting objects", is_flag),
    "idle_timeout": ("inactivity timeout (1 second to 1 hour)", is_idle_timeout),
    "concurrent_sessions": ("several sessions at once", is_flag),
    "allow_session_timeout_settings": ("may change their inactivity timeout", is_flag),
    "allow_concurrent_session_settings": ("may change their sessions setting", is_flag),
    "storage_access": (
        "bucket access",
        lambda value: all(isinstance(entry, StorageAccess) for entry in value),
    ),
}


def prepared_settings(settings: SubuserSettings) -> SubuserSettings:
    """The settings as the portal sends them: email lower-case, no single sign-on, and
    "prevent deleting objects" always explicit (off unless asked for)."""
    return replace(
        settings,
        subuser_email=mirror.normalise_email(settings.subuser_email),
        disable_delete_object=bool(settings.disable_delete_object),
        sso_login=None,
    )


def settings_details(settings: SubuserSettings) -> dict:
    """What an audit record keeps of a sub-user's settings (nothing secret)."""
    details = settings.to_api()
    details.pop("subuser_email")
    return details


# Reading ---------------------------------------------------------------------------------


def list_subusers(customer, client: E2Client | None = None) -> list[RemoteSubuser]:
    """The customer's sub-users as e2 lists them (invited and signed up); refreshes the mirror."""
    with open_client(client) as e2:
        remote_subusers = e2.list_subusers(customer.email)
    mirror.refresh_from_list(customer, remote_subusers)
    return remote_subusers


OPEN_INVITATION = (SubuserInvitation.Status.PENDING, SubuserInvitation.Status.EXPIRED)


@dataclass(frozen=True)
class TeamMember:
    """One person of a customer's team, listed once: the mirrored sub-user, their open
    invitation, or both while an invited person has not joined yet."""

    email: str
    subuser: Subuser | None
    invitation: SubuserInvitation | None

    @property
    def settings(self):
        """Where the person's settings are read: the mirror, else the invitation."""
        return self.subuser or self.invitation

    @property
    def name(self) -> str:
        """Their name as e2 lists it, else as the invitation gave it."""
        for source in (self.subuser, self.invitation):
            name = f"{source.first_name} {source.last_name}".strip() if source else ""
            if name:
                return name
        return ""

    @property
    def status(self) -> str:
        """invited, active or disabled."""
        return self.subuser.status if self.subuser else "invited"

    @property
    def signed_up(self) -> bool:
        return self.status != "invited"

    @property
    def invitation_expired(self) -> bool:
        return not self.signed_up and self.invitation is not None and self.invitation.is_expired


def team_members(customer) -> list[TeamMember]:
    """Everyone on the customer's team once, by email: signed-up and invited sub-users from
    the mirror, with the open invitation of each invited person, and open invitations e2 does
    not list (yet)."""
    subusers = {subuser.email: subuser for subuser in customer.subusers.all()}
    invitations = {}
    for invitation in customer.subuser_invitations.filter(status__in=OPEN_INVITATION).order_by(
        "created_at"
    ):
        invitations[invitation.email] = invitation  # the newest one wins
    members = []
    for email in sorted(subusers.keys() | invitations.keys()):
        subuser = subusers.get(email)
        invitation = None if subuser and subuser.signed_up else invitations.get(email)
        members.append(TeamMember(email=email, subuser=subuser, invitation=invitation))
    return members


def subuser_capacity(customer) -> tuple[int, int]:
    """(used, limit): sub-users signed up or invited, from the database, and the most allowed."""
    mirrored = set(customer.subusers.values_list("email", flat=True))
    invited = set(
        customer.subuser_invitations.filter(status=SubuserInvitation.Status.PENDING).values_list(
            "email", flat=True
        )
    )
    return len(mirrored | invited), limits.SUBUSER_LIMIT


def check_room_for(customer, email: str) -> None:
    """Refuse a new sub-user who already exists or would exceed the limit."""
    already_mirrored = customer.subusers.filter(email=email).exists()
    already_invited = customer.subuser_invitations.filter(
        email=email, status=SubuserInvitation.Status.PENDING
    ).exists()
    if already_mirrored or already_invited:
        raise SubuserAlreadyExists
    used, limit = subuser_capacity(customer)
    if used >= limit:
        raise SubuserLimitReached(limit)


def subuser_activity(
    customer,
    subuser_email: str,
    start_date: datetime.date,
    end_date: datetime.date,
    client: E2Client | None = None,
) -> list[ActivityEntry]:
    """Every activity entry of a sub-user between two dates (inclusive), newest first.

    The range must lie within the last ACTIVITY_MAX_DAYS days, start on or before its end.
    """
    today = timezone.localdate()
    earliest = today - datetime.timedelta(days=limits.ACTIVITY_MAX_DAYS)
    if start_date > end_date or start_date < earliest or end_date > today:
        raise InvalidActivityRange
    with open_client(client) as e2:
        entries = e2.iter_subuser_activity(
            customer.email, mirror.normalise_email(subuser_email), start_date, end_date
        )
        return white_label_entries(customer, entries)


# Changing --------------------------------------------------------------------------------


def create_subuser(
    actor: Actor,
    customer,
    settings: SubuserSettings,
    first_name: str,
    last_name: str,
    password: str,
    client: E2Client | None = None,
) -> Subuser:
    """Create a signed-up sub-user with a password chosen now; the mirrored row."""
    settings = prepared_settings(settings)
    email = settings.subuser_email
    check_room_for(customer, email)
    details = {**settings_details(settings), "first_name": first_name, "last_name": last_name}
    with (
        open_client(client) as e2,
        audited("subuser.create", actor=actor, target=email, customer=customer, details=details),
    ):
        e2.create_subuser(customer.email, settings, first_name, last_name, password)
    return mirror.record_settings(
        customer,
        settings,
        signed_up=True,
        is_active=True,
        first_name=first_name,
        last_name=last_name,
    )


def update_subuser(
    actor: Actor,
    customer,
    subuser_email: str,
    *,
    expire_subuser_sessions: bool = False,
    client: E2Client | None = None,
    **changes,
) -> Subuser | None:
    """Change some settings of a sub-user (invited or signed up); the mirrored row, if any.

    `changes` may hold any of UPDATABLE_SETTINGS; `storage_access` is a list of StorageAccess
    (empty: every bucket). `expire_subuser_sessions` signs the sub-user out everywhere.
    """
    email = mirror.normalise_email(subuser_email)
    unknown = set(changes) - set(UPDATABLE_SETTINGS)
    if unknown:
        raise TypeError(f"update_subuser got unknown settings: {', '.join(sorted(unknown))}")
    if "storage_access" in changes:
        changes["storage_access"] = tuple(changes["storage_access"])
    invalid = []
    for name, value in changes.items():
        label, is_valid = UPDATABLE_SETTINGS[name]
        if not is_valid(value):
            invalid.append(label)
    if invalid:
        raise InvalidSubuserChange(f"These settings are not valid: {', '.join(invalid)}.")
    if not changes and not expire_subuser_sessions:
        raise InvalidSubuserChange("Change at least one setting.")

    confirmed = dict(changes)
    if "storage_access" in confirmed:
        confirmed["storage_access"] = mirror.storage_access_as_json(confirmed["storage_access"])
    details = {**confirmed, "expire_subuser_sessions": expire_subuser_sessions}
    with (
        open_client(client) as e2,
        audited("subuser.update", actor=actor, target=email, customer=customer, details=details),
    ):
        e2.update_subuser(
            customer.email, email, expire_subuser_sessions=expire_subuser_sessions, **changes
        )
    # Accepting an open invitation creates the sub-user with the invitation's settings.
    customer.subuser_invitations.filter(
        email=email,
        status__in=[SubuserInvitation.Status.PENDING, SubuserInvitation.Status.EXPIRED],
    ).update(**confirmed, updated_at=timezone.now())
    return mirror.record_changes(customer, email, **confirmed)


def disable_subuser(
    actor: Actor, customer, subuser_email: str, client: E2Client | None = None
) -> None:
    """Disable a signed-up sub-user: no sign-in, no data access, until enabled again."""
    _set_subuser_active(actor, customer, subuser_email, False, client)


def enable_subuser(
    actor: Actor, customer, subuser_email: str, client: E2Client | None = None
) -> None:
    """Enable a disabled sub-user again."""
    _set_subuser_active(actor, customer, subuser_email, True, client)


def _set_subuser_active(actor: Actor, customer, subuser_email: str, active: bool, client):
    email = mirror.normalise_email(subuser_email)
    action, already = (
        ("subuser.enable", UserAccountAlreadyEnabled)
        if active
        else ("subuser.disable", UserAccountAlreadyDisabled)
    )
    try:
        with (
            open_client(client) as e2,
            audited(action, actor=actor, target=email, customer=customer),
        ):
            call = e2.enable_subuser if active else e2.disable_subuser
            call(customer.email, email, email_notification=False)
    except already:
        # e2 already is where we wanted it: the mirror follows, the caller hears why.
        mirror.record_changes(customer, email, is_active=active)
        raise
    mirror.record_changes(customer, email, is_active=active)


def remove_subuser(
    actor: Actor, customer, subuser_email: str, client: E2Client | None = None
) -> None:
    """Delete a disabled sub-user permanently; refused while the sub-user is enabled."""
    email = mirror.normalise_email(subuser_email)
    mirrored = customer.subusers.filter(email=email).first()
    if mirrored is not None and mirrored.signed_up and mirrored.is_active:
        raise SubuserNotDisabled
    with (
        open_client(client) as e2,
        audited("subuser.remove", actor=actor, target=email, customer=customer),
    ):
        e2.remove_subuser(customer.email, email, email_notification=False)
    mirror.forget(customer, email)
