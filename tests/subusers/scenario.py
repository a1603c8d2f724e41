"""What the sub-user tests share: Olive's account, the accept link, reading e2 back."""

import re

from portal.e2.client import get_client
from portal.e2.types import SubuserSettings

OWNER_EMAIL = "olive@client.example"
PASSWORD = "violet-kettle-harbour-42"
ACCEPT_LINK = re.compile(r"https://storage\.northwind\.example/team/join/([\w-]+)/")


def accept_url_for(token):
    return f"https://storage.northwind.example/team/join/{token}/"


def token_from(message):
    """The token of the accept link in an invitation email."""
    return ACCEPT_LINK.search(message.body).group(1)


def remote_subuser(customer, email):
    """The sub-user as e2 lists it, or None."""
    with get_client() as client:
        listed = {subuser.email: subuser for subuser in client.list_subusers(customer.email)}
    return listed.get(email)


def settings_for(email, **values):
    return SubuserSettings(subuser_email=email, **values)
