"""A brand's name goes into email headers and plain text as typed: one line, never escaped."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from branding.emails import send_branded_email
from tests.factories import BrandFactory

pytestmark = pytest.mark.django_db


def test_subject_and_text_carry_the_name_as_typed_and_the_html_escapes_it():
    brand = BrandFactory(name="Smith & Co <Storage>", email_sender_name="Smith & Co")

    send_branded_email(
        brand, "ann@client.example", "emails/password_reset", {"reset_url": "https://x.test/r/"}
    )

    message = mail.outbox[-1]
    assert "Smith & Co <Storage>" in message.subject
    assert "&amp;" not in message.subject + message.body
    assert "Smith & Co <Storage>" in message.body
    html = message.alternatives[0][0]
    assert "Smith &amp; Co &lt;Storage&gt;" in html


@pytest.mark.parametrize("field", ["name", "email_sender_name", "copyright"])
@pytest.mark.parametrize("value", ["Evil\\r\\nBcc: all@example.com", "Tab\\tname"])
def test_line_breaks_and_control_characters_are_refused(field, value):
    brand = BrandFactory()
    setattr(brand, field, value.encode().decode("unicode_escape"))

    with pytest.raises(ValidationError) as refused:
        brand.full_clean()

    assert "one line" in str(refused.value)
