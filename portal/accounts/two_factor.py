"""Two-factor for staff and for customers: an authenticator app (a customer's in their brand's
name) plus single-use backup codes.

django-otp keeps the devices; this module decides how a person enrols, verifies and loses
them, and audits every change. A TOTP code is accepted once: django-otp refuses a code of a
time step at or before the last one accepted (``last_t``), so a code seen over a shoulder
cannot be replayed.
"""

import logging
from base64 import b32encode
from urllib.parse import quote, urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from branding.emails import send_branded_email
from portal.accounts.emails import send_staff_email
from portal.audit.services import Actor, audited

logger = logging.getLogger(__name__)

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
BACKUP_CODE_LENGTH = 8  # django-otp's StaticToken.random_token(): 8 base32 characters
TOTP_DIGITS = 6

# The sentences of both consoles' code steps.
WRONG_CODE = "This code is not valid, or it was used already. Try the next one your app shows."
THROTTLED = "Too many wrong codes. Wait a few seconds, then try again."


def is_verified(user) -> bool:
    """Whether this session passed the second factor (also on a freshly logged-in user)."""
    return getattr(user, "otp_device", None) is not None


def has_two_factor(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def user_ids_with_two_factor() -> set[int]:
    return set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))


def pending_authenticator(user) -> TOTPDevice:
    """The not-yet-confirmed authenticator being set up; the same one on every reload, so
    the QR code does not change while the person scans it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def _base32_key(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode().rstrip("=")


def totp_uri(device: TOTPDevice, brand_name: str, email: str) -> str:
    """The otpauth:// link an authenticator app reads, in the brand's name."""
    label = quote(f"{brand_name}:{email}")
    query = urlencode(
        {
            "secret": _base32_key(device),
            "issuer": brand_name,
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def qr_code_svg(device: TOTPDevice, *, customer=None) -> str:
    """The device's ``otpauth://`` address as an inline SVG QR code: a customer's in their
    brand's name, a staff member's with the portal's issuer."""
    uri = (
        totp_uri(device, customer.brand.name, device.user.email)
        if customer is not None
        else device.config_url
    )
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def manual_entry_key(device: TOTPDevice) -> str:
    """The shared secret in base32, in groups of four, for typing into an app."""
    key = _base32_key(device)
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def confirm_authenticator(
    actor: Actor, device: TOTPDevice, code: str, *, customer=None
) -> list[str] | None:
    """Confirm the pending authenticator with a code it shows. Returns fresh backup codes
    on success, None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(code):
            return None
        with audited(
            "account.two_factor_enabled",
            actor=actor,
            target=device.user.email,
            customer=customer,
        ):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
            codes = _replace_backup_codes(device.user)
    _notify(device.user, "enabled", customer)
    return codes


def new_backup_codes(actor: Actor, user, *, customer=None) -> list[str]:
    """Replace the user's backup codes (the console login of ``customer``, when given); the
    old ones stop working."""
    with audited("account.backup_codes", actor=actor, target=user.email, customer=customer):
        return _replace_backup_codes(user)


def is_backup_code_device(device) -> bool:
    return isinstance(device, StaticDevice)


def record_backup_code_use(actor: Actor, user, *, customer=None) -> int:
    """A backup code let ``user`` log in (django-otp deleted it as it matched): audited, and
    the number of codes left, for the notice that follows."""
    left = remaining_backup_codes(user)
    with audited(
        "account.backup_code_used",
        actor=actor,
        target=user.email,
        customer=customer,
        details={"codes_left": left},
    ):
        return left


def backup_codes_text(codes: list[str], brand_name: str) -> str:
    """The codes as the downloadable text file holds them, in the brand's name."""
    lines = [
        f"{brand_name}: two-factor backup codes",
        "Each code logs you in once, in place of the code from your authenticator app.",
        "",
        *codes,
    ]
    return "\n".join(lines) + "\n"


def _replace_backup_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(user, code: str):
    """The device that accepts ``code`` (an authenticator code or a backup code), or None.

    A refused code counts against the device's throttle, whose wait doubles each time."""
    code = "".join(code.split())
    if code.isdigit() and len(code) == TOTP_DIGITS:
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
        code = code.lower()
    for device in devices:
        if django_otp.verify_token(user, device.persistent_id, code):
            return device
    logger.warning("two-factor code refused", extra={"user_id": user.pk})
    return None


def throttled(user) -> bool:
    """Whether recent wrong codes make the user wait before the next try."""
    devices = django_otp.devices_for_user(user, confirmed=True)
    return any(not device.verify_is_allowed()[0] for device in devices)


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_two_factor(
    actor: Actor, user, *, customer=None, action: str = "account.two_factor_disabled"
) -> None:
    """Delete every device of ``user`` (the console login of ``customer``, when given).
    Sessions verified with them stop being verified on their next request, since django-otp
    looks the device up each time."""
    with audited(action, actor=actor, target=user.email, customer=customer):
        for device in django_otp.devices_for_user(user, confirmed=None):
            device.delete()
    _notify(user, "removed", customer)


def _notify(user, change: str, customer=None) -> None:
    # A change the person did not make is the sign of a taken-over account.
    if customer is None:
        send_staff_email(user, "accounts/email/two_factor_changed", {"change": change})
    else:
        context = {"user": user, "customer": customer, "change": change}
        send_branded_email(customer.brand, user.email, "emails/two_factor_changed", context)
