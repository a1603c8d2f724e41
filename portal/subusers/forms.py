"""Forms for sub-users (team members): everything e2 would reject is refused here first.

Each form takes the `customer`, so the bucket access offered is per region the customer has
enabled (`customer.storages`). Idle timeouts are entered in minutes and sent in seconds.
"""

import ipaddress
import math
import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from portal.e2 import limits
from portal.e2.types import StorageAccess, SubuserSettings
from portal.subusers.mirror import normalise_email
from portal.subusers.models import SubuserInvitation

# The API receives the password base64-encoded, at most PASSWORD_MAX characters: every 3 bytes
# of password become 4 characters, so 100 characters hold 75 bytes.
PASSWORD_MAX_BYTES = limits.PASSWORD_MAX // 4 * 3
IDLE_TIMEOUT_MAX_MINUTES = limits.IDLE_TIMEOUT_MAX // 60

# S3 bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens, starting and
# ending with a letter or digit, no "..", not an IP address, none of the reserved affixes.
BUCKET_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
BUCKET_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
BUCKET_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3")


def validate_bucket_name(name: str) -> None:
    """Refuse a name that S3 would not accept for a bucket."""
    if not BUCKET_NAME_PATTERN.match(name) or ".." in name:
        raise ValidationError(
            "“%(name)s” is not a valid bucket name: use 3 to 63 lower-case letters, digits, "
            "dots and hyphens, starting and ending with a letter or digit.",
            params={"name": name},
        )
    if name.startswith(BUCKET_RESERVED_PREFIXES) or name.endswith(BUCKET_RESERVED_SUFFIXES):
        raise ValidationError("“%(name)s” is a reserved bucket name.", params={"name": name})
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return
    raise ValidationError("“%(name)s” is an IP address, not a bucket name.", params={"name": name})


def bucket_list(value: str) -> list[str]:
    """Bucket names from a comma-separated list, each checked, without repeats."""
    names = []
    for part in value.split(","):
        name = part.strip()
        if name and name not in names:
            validate_bucket_name(name)
            names.append(name)
    return names


class SubuserSettingsForm(forms.Form):
    """The settings of a sub-user, shared by the invite, create and update forms."""

    permissions = forms.TypedChoiceField(
        label="Access",
        choices=[
            (limits.PERMISSION_READ, "Read only"),
            (limits.PERMISSION_WRITE, "Write only"),
            (limits.PERMISSION_READ_WRITE, "Read and write"),
        ],
        coerce=int,
        initial=limits.PERMISSION_READ_WRITE,
    )
    is_admin = forms.BooleanField(
        label="Administrator",
        required=False,
        help_text="Administrators can manage buckets, access keys and team members, and reach "
        "every bucket.",
    )
    disable_delete_object = forms.BooleanField(label="Prevent deleting objects", required=False)
    idle_timeout_minutes = forms.IntegerField(
        label="Sign out after inactivity (minutes)",
        min_value=1,
        max_value=IDLE_TIMEOUT_MAX_MINUTES,
        initial=IDLE_TIMEOUT_MAX_MINUTES,
    )
    allow_session_timeout_settings = forms.BooleanField(
        label="Let them change their own inactivity timeout", required=False
    )
    concurrent_sessions = forms.BooleanField(
        label="Allow signing in from several places at once", required=False, initial=True
    )
    allow_concurrent_session_settings = forms.BooleanField(
        label="Let them change this themselves", required=False
    )

    def __init__(self, *args, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.customer = customer
        self.storages = list(customer.storages.select_related("region"))
        for storage in self.storages:
            self.fields[self.bucket_field_name(storage)] = forms.CharField(
                label=f"Buckets in {storage.region.name}",
                required=False,
                help_text="Comma-separated bucket names. Leave every region empty to give "
                "access to all buckets.",
            )

    @staticmethod
    def bucket_field_name(storage) -> str:
        return f"buckets_{storage.pk}"

    @property
    def bucket_fields(self):
        """The bucket access fields, one per region, for templates."""
        return [self[self.bucket_field_name(storage)] for storage in self.storages]

    def clean(self):
        cleaned = super().clean()
        storage_access = []
        for storage in self.storages:
            field_name = self.bucket_field_name(storage)
            try:
                buckets = bucket_list(cleaned.get(field_name) or "")
            except ValidationError as error:
                self.add_error(field_name, error)
                continue
            if buckets:
                storage_access.append(StorageAccess(storage.storage_dn, tuple(buckets)))
        cleaned["storage_access"] = tuple(storage_access)
        if cleaned.get("idle_timeout_minutes") is not None:
            cleaned["idle_timeout"] = cleaned["idle_timeout_minutes"] * 60
        return cleaned

    def subuser_settings(self, email: str) -> SubuserSettings:
        """The validated settings, as the services take them."""
        data = self.cleaned_data
        return SubuserSettings(
            subuser_email=email,
            permissions=data["permissions"],
            is_admin=data["is_admin"],
            disable_delete_object=data["disable_delete_object"],
            idle_timeout=data["idle_timeout"],
            concurrent_sessions=data["concurrent_sessions"],
            allow_session_timeout_settings=data["allow_session_timeout_settings"],
            allow_concurrent_session_settings=data["allow_concurrent_session_settings"],
            storage_access=data["storage_access"] or None,
        )


class NewSubuserForm(SubuserSettingsForm):
    """Settings plus the email of a person who is not a team member yet."""

    email = forms.EmailField(max_length=limits.EMAIL_MAX)
    field_order = ["email"]

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if email == normalise_email(self.customer.email):
            raise ValidationError("This is the account owner's own email address.")
        already_invited = self.customer.subuser_invitations.filter(
            email=email, status=SubuserInvitation.Status.PENDING
        ).exists()
        if already_invited or self.customer.subusers.filter(email=email).exists():
            raise ValidationError(
                "This person is already a team member or has a pending invitation."
            )
        return email

    def subuser_settings(self, email: str | None = None) -> SubuserSettings:
        return super().subuser_settings(email or self.cleaned_data["email"])


class SubuserInviteForm(NewSubuserForm):
    """Invite a person by email; they choose their name and password when they accept."""


class PasswordFields(forms.Form):
    """A new password, typed twice, that Django's validators accept and the API can take."""

    first_name = forms.CharField(max_length=limits.FIRST_NAME_MAX)
    last_name = forms.CharField(max_length=limits.LAST_NAME_MAX, required=False)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)
    password_confirm = forms.CharField(
        label="Password again", strip=False, widget=forms.PasswordInput
    )

    def email_for_password_check(self) -> str:
        return ""

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if not password:
            return cleaned
        if password != cleaned.get("password_confirm"):
            self.add_error("password_confirm", "The two passwords are not the same.")
        if len(password.encode("utf-8")) > PASSWORD_MAX_BYTES:
            self.add_error(
                "password", f"Use a password of at most {PASSWORD_MAX_BYTES} characters."
            )
        # An unsaved user, so the validators compare the password with the name and email.
        person = get_user_model()(
            email=self.email_for_password_check(),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        try:
            password_validation.validate_password(password, user=person)
        except ValidationError as error:
            self.add_error("password", error)
        return cleaned


class SubuserCreateForm(NewSubuserForm, PasswordFields):
    """Create a signed-up team member at once, with a password chosen now."""

    field_order = ["email", "first_name", "last_name", "password", "password_confirm"]

    def email_for_password_check(self) -> str:
        return self.cleaned_data.get("email", "")


class SubuserUpdateForm(SubuserSettingsForm):
    """Change a team member's settings; `changes()` holds only what was changed."""

    expire_subuser_sessions = forms.BooleanField(
        label="Sign them out everywhere now", required=False
    )

    def __init__(self, *args, customer, subuser, **kwargs):
        """`subuser` is the mirrored team member (portal.subusers.models.Subuser)."""
        self.subuser = subuser
        super().__init__(*args, customer=customer, **kwargs)
        self.initial.update(
            {
                "permissions": subuser.permissions,
                "is_admin": subuser.is_admin,
                "disable_delete_object": subuser.disable_delete_object,
                "idle_timeout_minutes": max(1, math.ceil(subuser.idle_timeout / 60)),
                "allow_session_timeout_settings": subuser.allow_session_timeout_settings,
                "concurrent_sessions": subuser.concurrent_sessions,
                "allow_concurrent_session_settings": subuser.allow_concurrent_session_settings,
            }
        )
        buckets_by_storage = {
            entry["storage_dn"]: entry["buckets"] for entry in subuser.storage_access
        }
        for storage in self.storages:
            buckets = buckets_by_storage.get(storage.storage_dn, [])
            self.initial[self.bucket_field_name(storage)] = ", ".join(buckets)

    def changes(self) -> dict:
        """Keyword arguments for update_subuser: the changed settings only."""
        changed, data = set(self.changed_data), self.cleaned_data
        simple = [
            "permissions",
            "is_admin",
            "disable_delete_object",
            "allow_session_timeout_settings",
            "concurrent_sessions",
            "allow_concurrent_session_settings",
        ]
        changes = {name: data[name] for name in simple if name in changed}
        if "idle_timeout_minutes" in changed:
            changes["idle_timeout"] = data["idle_timeout"]
        if any(self.bucket_field_name(storage) in changed for storage in self.storages):
            changes["storage_access"] = list(data["storage_access"])
        if data.get("expire_subuser_sessions"):
            changes["expire_subuser_sessions"] = True
        return changes

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise ValidationError("Change at least one setting.")
        return cleaned


class InvitationAcceptForm(PasswordFields):
    """The invited person's name and password, on the portal's own accept page."""

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.initial.setdefault("first_name", invitation.first_name)
        self.initial.setdefault("last_name", invitation.last_name)

    def email_for_password_check(self) -> str:
        return self.invitation.email
