"""Every email the portal sends to a customer: in the brand's name, HTML and text."""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string


def brand_sender(brand) -> str:
    address = getattr(brand, "email_sender_address", "") or settings.DEFAULT_FROM_EMAIL
    name = getattr(brand, "email_sender_name", "") or getattr(brand, "name", "")
    return formataddr((name, address)) if name else address


def render_text(template: str, context: dict) -> str:
    """A plain-text template rendered as text: "Smith & Co" stays as typed (no HTML escaping,
    which only the HTML part needs)."""
    return get_template(template).template.render(Context(context, autoescape=False))


def send_branded_email(brand, to: str, template: str, context: dict) -> None:
    """Render ``{template}_subject.txt``, ``{template}.txt`` and ``{template}.html`` with the
    brand, and send them from the brand's sender."""
    context = {"brand": brand, **context}
    subject = " ".join(render_text(f"{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_text(f"{template}.txt", context),
        from_email=brand_sender(brand),
        to=[to],
        reply_to=[brand.support_email] if getattr(brand, "support_email", "") else None,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
