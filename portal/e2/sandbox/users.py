"""Reseller user operations: list, create, disable, enable, remove, usage and activity."""

from portal.e2 import limits

from .errors import forbidden
from .state import email_key, new_user, storage_used
from .validation import BodyFields


def list_users(call):
    """GET /api/reseller/v1/users: `{"id": reseller id, "users": [...]}`."""
    state = call.state
    today = state.today()
    return {
        "id": state.data["reseller_id"],
        "users": [
            {
                "email": user["email"],
                "first_name": user["first_name"],
                "last_name": user["last_name"],
                "account_creation_timestamp": user["account_creation_timestamp"],
                "invite_url": user["invite_url"],
                "is_signed_up": user["is_signed_up"],
                "is_active": user["is_active"],
                "storage_used": float(storage_used(user, today)),
                "storage_quota": user["quota"],
            }
            for user in state.users.values()
        ],
    }


def create_user(call):
    """PUT /api/reseller/v1/create_user: a signed-up, enabled account with no invite."""
    fields = BodyFields(call.body)
    email = fields.email("email")
    fields.password("password")
    first_name = fields.string("first_name", limits.FIRST_NAME_MAX)
    last_name = fields.string("last_name", limits.LAST_NAME_MAX, required=False, allow_blank=True)
    quota = fields.integer("quota", minimum=0)
    fields.boolean("email_notification", required=False)
    fields.raise_if_invalid()

    state = call.state
    if state.find_user(email) is not None:
        raise forbidden("user_signed_up")
    if state.email_in_use_elsewhere(email):
        raise forbidden("email_already_in_use")
    user = new_user(email, first_name, last_name, quota, state.timestamp())
    state.users[email_key(email)] = user
    state.record_activity(user, "Account created by reseller", call.ip)
    return {"user_created": True}


def _email_only(call):
    fields = BodyFields(call.body)
    email = fields.email("email")
    fields.raise_if_invalid()
    return email


def disable_user(call):
    """POST /api/reseller/v1/disable_user."""
    user = call.state.user(_email_only(call))
    if not user["is_active"]:
        raise forbidden("user_account_already_disabled")
    user["is_active"] = False
    call.state.record_activity(user, "Account disabled by reseller", call.ip)
    return {"user_disabled": True}


def enable_user(call):
    """POST /api/reseller/v1/enable_user."""
    user = call.state.user(_email_only(call))
    if user["is_active"]:
        raise forbidden("user_account_already_enabled")
    user["is_active"] = True
    call.state.record_activity(user, "Account enabled by reseller", call.ip)
    return {"user_enabled": True}


def remove_user(call):
    """POST /api/reseller/v1/remove_user: only a disabled user; all its data goes with it."""
    email = _email_only(call)
    user = call.state.user(email)
    if user["is_active"]:
        raise forbidden("user_account_not_disabled")
    del call.state.users[email_key(email)]
    return {"user_removed": True}


def usage_stats(call):
    """POST /api/reseller/v1/usage_stats: a bare array of daily records, oldest first.

    Days without a record are left out; a user who has not signed up has none.
    """
    fields = BodyFields(call.body)
    email = fields.email("email")
    date_from, date_to = fields.date_range("date_from", "date_to")
    fields.raise_if_invalid()

    user = call.state.user(email)
    first, last = date_from.isoformat(), date_to.isoformat()
    return [
        {
            "date": day,
            "disk_used": float(record["disk_used"]),
            "uploads": float(record["uploads"]),
            "downloads": float(record["downloads"]),
        }
        for day, record in sorted(user["usage"].items())
        if first <= day <= last
    ]


def read_activity_request(fields):
    """The date range and page number of an activity-history request."""
    start_date, end_date = fields.date_range("start_date", "end_date")
    page_no = fields.integer("page_no", minimum=1, required=False)
    return start_date, end_date, page_no or 1


def activity_page(entries, start_date, end_date, page_no):
    """The activity answer: entries within the dates (inclusive), newest first, 200 a page."""
    first, last = start_date.isoformat(), end_date.isoformat()
    # Walk the history backwards so entries of the same second stay newest first.
    matching = [entry for entry in reversed(entries) if first <= entry["timestamp"][:10] <= last]
    matching.sort(key=lambda entry: entry["timestamp"], reverse=True)
    size = limits.ACTIVITY_PAGE_SIZE
    page = matching[(page_no - 1) * size : page_no * size]
    return {
        "logs": [dict(entry) for entry in page],
        "pagination": {
            "total_records": len(matching),
            "page_no": page_no,
            "records_per_page": size,
        },
    }


def user_activity_history(call):
    """POST /api/reseller/v1/user_activity_history."""
    fields = BodyFields(call.body)
    email = fields.email("email")
    start_date, end_date, page_no = read_activity_request(fields)
    fields.raise_if_invalid()

    user = call.state.user(email)
    return activity_page(user["activity"], start_date, end_date, page_no)
