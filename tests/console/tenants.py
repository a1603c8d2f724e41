"""A customer with one of everything the console shows: a key, a team member, an invitation,
activity. The isolation and vendor-name tests fill tenants with these."""

import datetime
from dataclasses import dataclass

from django.core import mail

from portal.audit.services import Actor
from portal.e2.types import SubuserSettings
from portal.storage.services import create_access_key
from portal.subusers.invitations import invite_subuser
from portal.subusers.links import accept_url_builder
from portal.subusers.services import create_subuser

ACTOR = Actor.system("test")


@dataclass
class Tenant:
    customer: object
    storage: object
    key: object
    subuser: object
    invitation: object
    invitation_token: str

    def canaries(self) -> list[str]:
        """Strings only this tenant's pages may show."""
        return [
            self.customer.email,
            self.storage.storage_dn,
            self.key.key_id,
            self.subuser.email,
            self.invitation.email,
        ]


def furnish(customer, e2, prefix: str) -> Tenant:
    storage = customer.storages.get()
    key = create_access_key(ACTOR, storage, f"{prefix}-key", 2).key
    member = create_subuser(
        ACTOR,
        customer,
        SubuserSettings(subuser_email=f"{prefix}-member@team.example", permissions=2),
        "Tess",
        "Member",
        "quiet-lantern-orchard-77",
    )
    sent_before = len(mail.outbox)
    invitation = invite_subuser(
        ACTOR,
        customer,
        SubuserSettings(subuser_email=f"{prefix}-invitee@team.example", permissions=0),
        accept_url_for=accept_url_builder(customer),
    )
    link = mail.outbox[sent_before].body.split("/console/team/join/")[1].split("/")[0]
    e2.control(
        "POST",
        "activity",
        {"email": customer.email, "count": 3, "date": datetime.date.today().isoformat()},
    )
    return Tenant(customer, storage, key, member, invitation, link)
