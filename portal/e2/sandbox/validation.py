"""Checks of request bodies: each field is checked, every offending field is reported at once.

Usage::

    fields = BodyFields(body)
    email = fields.email("email")
    quota = fields.integer("quota", minimum=0)
    fields.raise_if_invalid()
"""

import base64
import binascii
import datetime
import re

from portal.e2 import limits

from .errors import invalid_parameters

# Deliberately plain: one "@", no spaces, a dotted domain of valid labels.
EMAIL_PATTERN = re.compile(
    r"^[^@\s]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
HOSTNAME_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BUCKET_NAME_MAX = 63

MISSING = object()


def is_hostname(value, min_labels=2):
    """True if `value` is a DNS hostname of at least `min_labels` labels (no wildcard)."""
    if len(value) > 253 or value.endswith("."):
        return False
    labels = value.split(".")
    return len(labels) >= min_labels and all(HOSTNAME_LABEL.match(label) for label in labels)


def parse_iso_date(value):
    """The date of a strict `YYYY-MM-DD` string, or None."""
    if not isinstance(value, str) or not DATE_PATTERN.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


class BodyFields:
    """Reads typed fields out of a JSON object body and collects one error per bad field."""

    def __init__(self, body):
        self.body = body
        self.errors = []

    def fail(self, field, message):
        """Record an error for `field` (first error per field wins)."""
        if not any(error["field"] == field for error in self.errors):
            self.errors.append({"field": field, "message": message})

    def raise_if_invalid(self):
        """Raise the 400 invalid_parameters answer if any field was bad."""
        if self.errors:
            raise invalid_parameters(self.errors)

    def _raw(self, field, required):
        value = self.body.get(field, MISSING)
        if value is MISSING:
            if required:
                self.fail(field, "is required")
            return MISSING
        if value is None:
            self.fail(field, "must not be null; leave the field out instead")
            return MISSING
        return value

    def string(self, field, max_length, required=True, allow_blank=False):
        """A string of at most `max_length` characters; None if absent or bad."""
        value = self._raw(field, required)
        if value is MISSING:
            return None
        if not isinstance(value, str):
            self.fail(field, "must be a string")
            return None
        if not allow_blank and not value.strip():
            self.fail(field, "must not be blank")
            return None
        if len(value) > max_length:
            self.fail(field, f"must be at most {max_length} characters")
            return None
        return value

    def email(self, field, required=True):
        """A well-formed email address of at most 255 characters."""
        value = self.string(field, limits.EMAIL_MAX, required=required)
        if value is not None and not EMAIL_PATTERN.match(value):
            self.fail(field, "must be a valid email address")
            return None
        return value

    def password(self, field):
        """A base64-encoded password of at most 100 characters (the encoded length)."""
        value = self.string(field, limits.PASSWORD_MAX)
        if value is None:
            return None
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            self.fail(field, "must be base64 encoded")
            return None
        if not decoded:
            self.fail(field, "must not be empty once decoded")
            return None
        return value

    def integer(self, field, minimum=None, maximum=None, required=True):
        """An integer (booleans refused) within the bounds given."""
        value = self._raw(field, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, "must be an integer")
            return None
        if minimum is not None and value < minimum:
            self.fail(field, f"must be at least {minimum}")
            return None
        if maximum is not None and value > maximum:
            self.fail(field, f"must be at most {maximum}")
            return None
        return value

    def boolean(self, field, required=True):
        """A JSON boolean."""
        value = self._raw(field, required)
        if value is MISSING:
            return None
        if not isinstance(value, bool):
            self.fail(field, "must be a boolean")
            return None
        return value

    def date(self, field, required=True):
        """An ISO8601 calendar date `YYYY-MM-DD`, returned as a `datetime.date`."""
        value = self._raw(field, required)
        if value is MISSING:
            return None
        parsed = parse_iso_date(value)
        if parsed is None:
            self.fail(field, "must be an ISO8601 date (YYYY-MM-DD)")
        return parsed

    def date_range(self, start_field, end_field):
        """Two dates where the start is not after the end."""
        start = self.date(start_field)
        end = self.date(end_field)
        if start and end and start > end:
            self.fail(end_field, f"must not be before {start_field}")
            return None, None
        return start, end

    def permissions(self, field, required=True):
        """A permission enum: 0 read, 1 write, 2 read/write."""
        return self.integer(
            field,
            minimum=min(limits.PERMISSIONS),
            maximum=max(limits.PERMISSIONS),
            required=required,
        )

    def idle_timeout(self, field, required=True):
        """Idle session timeout in seconds, 1..3600."""
        return self.integer(
            field,
            minimum=limits.IDLE_TIMEOUT_MIN,
            maximum=limits.IDLE_TIMEOUT_MAX,
            required=required,
        )

    def bucket_names(self, field, required=False):
        """A non-empty list of bucket names, if given."""
        value = self._raw(field, required)
        if value is MISSING:
            return None
        if not isinstance(value, list):
            self.fail(field, "must be a list of bucket names")
            return None
        if not value:
            self.fail(field, "must not be empty; leave it out for access to all buckets")
            return None
        if not all(isinstance(name, str) and 0 < len(name) <= BUCKET_NAME_MAX for name in value):
            self.fail(
                field, f"each bucket name must be a string of 1..{BUCKET_NAME_MAX} characters"
            )
            return None
        return list(dict.fromkeys(value))

    def storage_access(self, field):
        """The optional sub-user bucket access list: [{storage_dn, buckets: [...]}, ...]."""
        value = self._raw(field, required=False)
        if value is MISSING:
            return None
        if not isinstance(value, list):
            self.fail(field, "must be a list of {storage_dn, buckets} objects")
            return None
        cleaned = []
        for position, item in enumerate(value):
            where = f"{field}[{position}]"
            if not isinstance(item, dict):
                self.fail(where, "must be an object with storage_dn and buckets")
                continue
            entry = BodyFields(item)
            storage_dn = entry.string("storage_dn", limits.STORAGE_DN_MAX)
            buckets = entry.bucket_names("buckets", required=True)
            for error in entry.errors:
                self.fail(f"{where}.{error['field']}", error["message"])
            if not entry.errors:
                cleaned.append({"storage_dn": storage_dn, "buckets": buckets})
        return cleaned


def read_cors(value):
    """Split a CORS setting into its domains; None if it breaks the documented rules.

    `*` alone allows every origin; otherwise up to 10 comma-separated domains or origins
    (`example.com`, `*.example.com`, `https://app.example.com:8443`).
    """
    if value.strip() == limits.CORS_ALLOW_ALL:
        return [limits.CORS_ALLOW_ALL]
    domains = [part.strip() for part in value.split(",")]
    if not all(_is_cors_origin(domain) for domain in domains):
        return None
    return domains


def _is_cors_origin(value):
    match = re.match(r"^(?:https?://)?(\*\.)?([^:/]+)(?::(\d{1,5}))?$", value)
    return bool(match) and is_hostname(match.group(2), min_labels=1)
