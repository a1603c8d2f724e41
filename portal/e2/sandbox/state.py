"""The sandbox's state: one JSON-shaped dict, guarded by a lock, saved atomically.

Shape (every key of an email is lower-cased; records keep the address as given)::

    {
      "version": 1, "reseller_id": "...", "today": null | "YYYY-MM-DD",
      "payment_failed": false, "independent_accounts": ["taken@example.com"],
      "users": {email: {
          "email", "first_name", "last_name", "quota", "account_creation_timestamp",
          "invite_url", "is_signed_up", "is_active", "sso_configured",
          "storages": {storage_dn: {"storage_dn", "region_key", "cors", "creation_date",
                                    "buckets": {name: {"size_bytes", "creation_date"}},
                                    "access_keys": [{"key_id", "name", "permissions",
                                                     "buckets", "creation_date"}],
                                    "cnames": [{"file_index", "cname", "certificate_info",
                                                "creation_date"}]}},
          "usage": {date: {"disk_used", "uploads", "downloads"}},
          "activity": [{"timestamp", "description", "ip"}],
          "subusers": {email: {...the vendor's sub-user fields..., "is_active", "activity"}},
      }},
    }

Access-key secrets, passwords and private keys are never stored.
"""

import datetime
import json
import os
import secrets
import tempfile
import threading

from .errors import forbidden

STATE_VERSION = 1
DEFAULT_INDEPENDENT_ACCOUNTS = ["taken@example.com", "independent@example.org"]


def empty_state():
    """A fresh reseller account with no users."""
    return {
        "version": STATE_VERSION,
        "reseller_id": secrets.token_hex(12),
        "today": None,
        "payment_failed": False,
        "independent_accounts": list(DEFAULT_INDEPENDENT_ACCOUNTS),
        "users": {},
    }


def format_timestamp(moment):
    """ISO8601 UTC timestamp with a Z, to the second: `2025-05-28T10:15:30Z`."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def email_key(email):
    """The key a user or sub-user is stored under."""
    return email.strip().lower()


class SandboxState:
    """The state plus its lock, its clock and its optional file."""

    def __init__(self, path=None):
        self.path = path
        self.lock = threading.RLock()
        self.data = empty_state()
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as state_file:
                self.data = json.load(state_file)

    # Persistence -----------------------------------------------------------------------------

    def save(self):
        """Write the state to its file atomically (temp file + rename); no-op in memory."""
        if not self.path:
            return
        directory = os.path.dirname(os.path.abspath(self.path))
        handle, temp_path = tempfile.mkstemp(prefix=".e2sandbox-", dir=directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as temp_file:
                json.dump(self.data, temp_file, indent=1, sort_keys=True)
                temp_file.flush()
                os.fsync(temp_file.fileno())
            os.replace(temp_path, self.path)
        except BaseException:
            if os.path.exists(temp_path):
                os.unlink(temp_path)
            raise

    def replace(self, data):
        """Swap in a whole new state (reset, seed) and save it."""
        self.data = data
        self.save()

    # Clock -----------------------------------------------------------------------------------

    def now(self):
        """The current UTC time, moved to the overridden day if `/_sandbox/clock` set one."""
        real_now = datetime.datetime.now(datetime.UTC)
        if not self.data.get("today"):
            return real_now
        today = datetime.date.fromisoformat(self.data["today"])
        return datetime.datetime.combine(today, real_now.timetz())

    def today(self):
        """The sandbox's current date."""
        return self.now().date()

    def timestamp(self):
        """The current time as an ISO8601 string."""
        return format_timestamp(self.now())

    # Lookups that answer the documented errors -----------------------------------------------

    @property
    def users(self):
        """Reseller users by lower-cased email."""
        return self.data["users"]

    def find_user(self, email):
        """The reseller user with this email, or None."""
        return self.users.get(email_key(email))

    def user(self, email):
        """The reseller user with this email, else 403 account_non_existant."""
        user = self.find_user(email)
        if user is None:
            raise forbidden("account_non_existant")
        return user

    def enabled_user(self, email):
        """The user, else account_non_existant; 403 user_disabled if disabled."""
        user = self.user(email)
        if not user["is_active"]:
            raise forbidden("user_disabled")
        return user

    def email_in_use_elsewhere(self, email):
        """True if the email belongs to an account the reseller does not own, or a sub-user."""
        key = email_key(email)
        if key in (email_key(other) for other in self.data["independent_accounts"]):
            return True
        return any(key in user["subusers"] for user in self.users.values())

    def all_storage_dns(self):
        """Every storage DN handed out, so a new one is unique."""
        return {dn for user in self.users.values() for dn in user["storages"]}

    # Activity --------------------------------------------------------------------------------

    def record_activity(self, user, description, ip, subuser=None):
        """Append an activity entry to the account (and to the sub-user's own history)."""
        entry = {"timestamp": self.timestamp(), "description": description, "ip": ip}
        user["activity"].append(entry)
        if subuser is not None:
            subuser["activity"].append(dict(entry))
        return entry


def new_user(email, first_name, last_name, quota, created_at, signed_up=True, invite_url=None):
    """A reseller user record."""
    return {
        "email": email,
        "first_name": first_name,
        "last_name": last_name or "",
        "quota": quota,
        "account_creation_timestamp": created_at,
        "invite_url": invite_url,
        "is_signed_up": signed_up,
        "is_active": True,
        "sso_configured": False,
        "storages": {},
        "usage": {},
        "activity": [],
        "subusers": {},
    }


def new_invite_url():
    """An invitation link shaped like the vendor's."""
    return f"https://app.idrivee2.com/signup?invite={secrets.token_urlsafe(24)}"


def storage_used(user, today):
    """Bytes used: the latest daily usage record up to today, else the buckets' sizes."""
    past_days = sorted(day for day in user["usage"] if day <= today.isoformat())
    if past_days:
        return user["usage"][past_days[-1]]["disk_used"]
    return sum(
        bucket["size_bytes"]
        for storage in user["storages"].values()
        for bucket in storage["buckets"].values()
    )
