"""The `/_sandbox/...` control endpoints: arrange state and faults from tests (no token).

Every endpoint takes and answers JSON; see `control-openapi.yaml` next to this module.
"""

import datetime
import json

from .errors import INVALID_REQUEST, ApiError
from .faults import read_fault
from .state import email_key, empty_state, new_invite_url, new_user
from .storages import find_storage
from .validation import parse_iso_date


class ControlError(Exception):
    """A control request that cannot be carried out: status and reason."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def dispatch(app, method, path, raw_body):
    """Run the control endpoint for `method path`; returns (status, payload)."""
    endpoint = ENDPOINTS.get((method, path))
    if endpoint is None:
        known_path = any(known == path for _method, known in ENDPOINTS)
        status = 405 if known_path else 404
        return status, _error_body(
            "not_found" if status == 404 else "method_not_allowed",
            f"No control endpoint {method} {path}",
        )
    try:
        body = json.loads(raw_body.decode("utf-8")) if raw_body.strip() else {}
        if not isinstance(body, dict):
            raise ControlError(400, "body must be a JSON object")
        with app.state.lock:
            payload = endpoint(app, body)
    except (ValueError, TypeError, KeyError, AttributeError) as error:  # malformed input
        return 400, _error_body("invalid_parameters", f"{type(error).__name__}: {error}")
    except ControlError as error:
        return error.status, _error_body("invalid_parameters", error.message)
    return 200, payload


def _error_body(code, message):
    return ApiError(400, INVALID_REQUEST, code, message).body()


def _required(body, field):
    value = body.get(field)
    if value in (None, ""):
        raise ControlError(400, f"{field} is required")
    return value


def _user(app, email):
    user = app.state.find_user(email)
    if user is None:
        raise ControlError(404, f"no user {email}")
    return user


def _saved(app, payload):
    app.state.save()
    return payload


def health(app, body):
    """GET /_sandbox/health."""
    return {"ok": True}


def reset(app, body):
    """POST /_sandbox/reset: back to an empty reseller account (faults and counts stay)."""
    app.state.replace(empty_state())
    return {"reset": True}


def seed(app, body):
    """POST /_sandbox/seed {"profile": "demo"}: reset, then fill with the profile's data."""
    seed_profile(app, body.get("profile", "demo"))
    return {"seeded": body.get("profile", "demo"), "users": len(app.state.users)}


def seed_profile(app, profile):
    """Replace the state with a seeded one."""
    from .demo import demo_state  # the demo data is only built when asked for

    if profile != "demo":
        raise ControlError(400, f"unknown profile {profile!r}; known: demo")
    app.state.replace(demo_state(app.state.now()))


def dump_state(app, body):
    """GET /_sandbox/state: the whole state (it holds no secrets)."""
    return json.loads(json.dumps(app.state.data))


def arm_fault(app, body):
    """POST /_sandbox/faults."""
    fault = read_fault(body)
    app.faults.arm(fault)
    return {"armed": fault.describe()}


def list_faults(app, body):
    """GET /_sandbox/faults."""
    return {"faults": app.faults.describe()}


def clear_faults(app, body):
    """DELETE /_sandbox/faults."""
    app.faults.clear()
    return {"cleared": True}


def request_counts(app, body):
    """GET /_sandbox/requests: API calls per path since the last clear."""
    with app.counts_lock:
        counts = dict(app.request_counts)
    return {"counts": counts, "total": sum(counts.values())}


def clear_request_counts(app, body):
    """DELETE /_sandbox/requests."""
    with app.counts_lock:
        app.request_counts.clear()
    return {"cleared": True}


def add_bucket(app, body):
    """POST /_sandbox/buckets {email, storage_dn, bucket, size_bytes?}."""
    user = _user(app, _required(body, "email"))
    storage = find_storage(user, _required(body, "storage_dn"))
    if storage is None:
        raise ControlError(404, "no such storage for this user")
    size = body.get("size_bytes", 0)
    storage["buckets"][_required(body, "bucket")] = {
        "size_bytes": size,
        "creation_date": app.state.timestamp(),
    }
    return _saved(app, {"bucket_created": True})


def invite_user(app, body):
    """POST /_sandbox/users/invite {email, first_name?, last_name?, quota?}: a pending user."""
    email = _required(body, "email")
    if app.state.find_user(email) is not None:
        raise ControlError(400, f"{email} is already a user")
    user = new_user(
        email,
        body.get("first_name", ""),
        body.get("last_name", ""),
        body.get("quota", 0),
        app.state.timestamp(),
        signed_up=False,
        invite_url=new_invite_url(),
    )
    app.state.users[email_key(email)] = user
    return _saved(app, {"invite_url": user["invite_url"]})


def sign_up_user(app, body):
    """POST /_sandbox/users/sign_up {email}: an invited user completes the sign-up."""
    user = _user(app, _required(body, "email"))
    user.update(is_signed_up=True, invite_url=None)
    app.state.record_activity(user, "Signed up", "203.0.113.10")
    return _saved(app, {"signed_up": True})


def sign_up_subuser(app, body):
    """POST /_sandbox/subusers/sign_up {admin_email, subuser_email, first_name?, last_name?}."""
    account = _user(app, _required(body, "admin_email"))
    subuser = account["subusers"].get(email_key(_required(body, "subuser_email")))
    if subuser is None:
        raise ControlError(404, "no such sub-user")
    subuser.update(signed_up=True, invite_url=None)
    subuser["first_name"] = body.get("first_name", subuser["first_name"] or "Invited")
    subuser["last_name"] = body.get("last_name", subuser["last_name"])
    app.state.record_activity(
        account, f"Sub-user {subuser['email']} signed up", "203.0.113.10", subuser
    )
    return _saved(app, {"signed_up": True})


def set_usage(app, body):
    """POST /_sandbox/usage {email, days: [{date, disk_used, uploads, downloads}]}."""
    user = _user(app, _required(body, "email"))
    for day in body.get("days", []):
        date = parse_iso_date(day.get("date"))
        if date is None:
            raise ControlError(400, f"bad date in {day}")
        user["usage"][date.isoformat()] = {
            "disk_used": day.get("disk_used", 0),
            "uploads": day.get("uploads", 0),
            "downloads": day.get("downloads", 0),
        }
    return _saved(app, {"days": len(user["usage"])})


def add_activity(app, body):
    """POST /_sandbox/activity: bulk entries for an account or one of its sub-users.

    `{email, subuser_email?, entries: [{timestamp, description, ip}]}` or
    `{email, subuser_email?, count, date, description?}` (count entries a second apart).
    """
    user = _user(app, _required(body, "email"))
    history = user["activity"]
    if body.get("subuser_email"):
        subuser = user["subusers"].get(email_key(body["subuser_email"]))
        if subuser is None:
            raise ControlError(404, "no such sub-user")
        history = subuser["activity"]
    entries = list(body.get("entries", []))
    if "count" in body:
        start = datetime.datetime.combine(
            parse_iso_date(_required(body, "date")) or app.state.today(),
            datetime.time(8, 0),
            datetime.UTC,
        )
        description = body.get("description", "Signed in to the web console")
        for number in range(int(body["count"])):
            moment = start + datetime.timedelta(seconds=number)
            entries.append(
                {
                    "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "description": f"{description} ({number + 1})",
                    "ip": "198.51.100.7",
                }
            )
    history.extend(entries)
    return _saved(app, {"entries": len(history)})


def add_independent_account(app, body):
    """POST /_sandbox/independent_accounts {email}: an e2 account the reseller does not own."""
    email = _required(body, "email")
    app.state.data["independent_accounts"].append(email)
    return _saved(app, {"independent_accounts": app.state.data["independent_accounts"]})


def set_payment(app, body):
    """POST /_sandbox/payment {failed: bool}: enable_user_region then answers payment_failed."""
    app.state.data["payment_failed"] = bool(body.get("failed", True))
    return _saved(app, {"payment_failed": app.state.data["payment_failed"]})


def set_sso(app, body):
    """POST /_sandbox/sso {admin_email, configured: bool}: SSO for one account."""
    user = _user(app, _required(body, "admin_email"))
    user["sso_configured"] = bool(body.get("configured", True))
    return _saved(app, {"sso_configured": user["sso_configured"]})


def set_clock(app, body):
    """POST /_sandbox/clock {today: "YYYY-MM-DD" | null}: move "today" (null: real time)."""
    today = body.get("today")
    if today is not None and parse_iso_date(today) is None:
        raise ControlError(400, "today must be YYYY-MM-DD or null")
    app.state.data["today"] = today
    return _saved(app, {"today": app.state.today().isoformat()})


ENDPOINTS = {
    ("GET", "/_sandbox/health"): health,
    ("POST", "/_sandbox/reset"): reset,
    ("POST", "/_sandbox/seed"): seed,
    ("GET", "/_sandbox/state"): dump_state,
    ("POST", "/_sandbox/faults"): arm_fault,
    ("GET", "/_sandbox/faults"): list_faults,
    ("DELETE", "/_sandbox/faults"): clear_faults,
    ("GET", "/_sandbox/requests"): request_counts,
    ("DELETE", "/_sandbox/requests"): clear_request_counts,
    ("POST", "/_sandbox/buckets"): add_bucket,
    ("POST", "/_sandbox/users/invite"): invite_user,
    ("POST", "/_sandbox/users/sign_up"): sign_up_user,
    ("POST", "/_sandbox/subusers/sign_up"): sign_up_subuser,
    ("POST", "/_sandbox/usage"): set_usage,
    ("POST", "/_sandbox/activity"): add_activity,
    ("POST", "/_sandbox/independent_accounts"): add_independent_account,
    ("POST", "/_sandbox/payment"): set_payment,
    ("POST", "/_sandbox/sso"): set_sso,
    ("POST", "/_sandbox/clock"): set_clock,
}
