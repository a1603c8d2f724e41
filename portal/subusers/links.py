"""Where an invited team member accepts: the customer's brand's own console."""

from django.urls import reverse

from branding.links import console_url


def accept_url_builder(customer):
    """A function from an invitation token to its absolute, branded accept link."""
    return lambda token: console_url(customer.brand, reverse("console:team_join", args=[token]))
