"""The sandbox's WSGI application: routing, the token check, JSON in and out, faults.

API paths are served at the root, as on the vendor's host; `/_sandbox/...` are the control
endpoints tests use to arrange state and faults (no token).
"""

import collections
import hmac
import json
import logging
import threading
import time

from . import cnames, control, storages, subusers, users
from .errors import (
    ApiError,
    invalid_parameters,
    method_not_allowed,
    not_found,
    server_error,
    unauthorized,
)
from .faults import DropConnection, FaultBook
from .state import SandboxState

logger = logging.getLogger("e2.sandbox")

RESELLER = "/api/reseller/v1"
SUBUSERS = "/api/subusers/v1"

# path -> (method, handler, whether it changes state)
ROUTES = {
    f"{RESELLER}/users": ("GET", users.list_users, False),
    f"{RESELLER}/create_user": ("PUT", users.create_user, True),
    f"{RESELLER}/disable_user": ("POST", users.disable_user, True),
    f"{RESELLER}/enable_user": ("POST", users.enable_user, True),
    f"{RESELLER}/remove_user": ("POST", users.remove_user, True),
    f"{RESELLER}/usage_stats": ("POST", users.usage_stats, False),
    f"{RESELLER}/user_activity_history": ("POST", users.user_activity_history, False),
    f"{RESELLER}/regions": ("GET", storages.list_regions, False),
    f"{RESELLER}/enable_user_region": ("POST", storages.enable_user_region, True),
    f"{RESELLER}/list_user_regions": ("POST", storages.list_user_regions, False),
    f"{RESELLER}/remove_user_region": ("POST", storages.remove_user_region, True),
    f"{RESELLER}/storage/set_cors": ("POST", storages.set_cors, True),
    f"{RESELLER}/create_access_key": ("POST", storages.create_access_key, True),
    f"{RESELLER}/list_access_keys": ("POST", storages.list_access_keys, False),
    f"{RESELLER}/remove_access_key": ("POST", storages.remove_access_key, True),
    f"{RESELLER}/storage/cname/add": ("POST", cnames.add_cname, True),
    f"{RESELLER}/storage/cname": ("POST", cnames.list_cnames, False),
    f"{RESELLER}/storage/cname/update": ("POST", cnames.update_cname, True),
    f"{RESELLER}/storage/cname/remove": ("POST", cnames.remove_cname, True),
    f"{SUBUSERS}/invite": ("PUT", subusers.invite, True),
    f"{SUBUSERS}/list": ("POST", subusers.list_subusers, False),
    f"{SUBUSERS}/create_account": ("PUT", subusers.create_account, True),
    f"{SUBUSERS}/disable": ("POST", subusers.disable, True),
    f"{SUBUSERS}/enable": ("POST", subusers.enable, True),
    f"{SUBUSERS}/remove": ("POST", subusers.remove, True),
    f"{SUBUSERS}/invite/cancel": ("POST", subusers.cancel_invite, True),
    f"{SUBUSERS}/update": ("POST", subusers.update, True),
    f"{SUBUSERS}/user_activity_history": ("POST", subusers.activity_history, False),
}

MAX_BODY_BYTES = 1_000_000


class Call:
    """One API call as a handler sees it: the state, the parsed body, the caller's IP."""

    def __init__(self, state, body, ip):
        self.state = state
        self.body = body
        self.ip = ip

    def note(self, text):
        """Log why a call was refused when the answer itself cannot say (certificate checks)."""
        logger.info("%s", text)


class SandboxApp:
    """The WSGI callable. Holds the state, the armed faults and the per-path call counts."""

    def __init__(self, token, state_path=None, seed=None):
        self.token = token
        self.state = SandboxState(state_path)
        self.seed = seed
        self.faults = FaultBook()
        self.request_counts = collections.Counter()
        self.counts_lock = threading.Lock()
        if seed and not self.state.users:
            control.seed_profile(self, seed)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        method = environ.get("REQUEST_METHOD", "GET").upper()
        # Read the body before anything can answer: closing a socket with unread input
        # makes the kernel reset the connection, and the client would never see the answer.
        raw_body = self._read_raw_body(environ)
        if path.startswith("/_sandbox/"):
            status, payload = control.dispatch(self, method, path, raw_body)
            return self._respond(start_response, status, payload)
        try:
            status, payload = self._serve_api(environ, method, path, raw_body)
        except ApiError as error:
            status, payload = error.status, error.body()
        except DropConnection:
            raise
        except Exception:
            # A sandbox bug still answers the documented 500, so clients see a vendor-like fault.
            logger.exception("unexpected error serving %s %s", method, path)
            error = server_error()
            status, payload = error.status, error.body()
        headers = [("Allow", ROUTES[path][0])] if status == 405 else []
        return self._respond(start_response, status, payload, headers)

    def _serve_api(self, environ, method, path, raw_body):
        route = ROUTES.get(path)
        if route is None:
            raise not_found()
        with self.counts_lock:
            self.request_counts[path] += 1
        fault = self.faults.take(path)
        if fault is not None and not fault.after:
            self._apply_fault(fault)
        expected_method, handler, mutates = route
        if method != expected_method:
            raise method_not_allowed(method, expected_method)
        if not hmac.compare_digest(environ.get("HTTP_TOKEN", "").encode(), self.token.encode()):
            raise unauthorized()
        body = {} if method == "GET" else self._parse_json_body(raw_body)
        call = Call(self.state, body, environ.get("REMOTE_ADDR", "127.0.0.1"))
        try:
            with self.state.lock:
                payload = handler(call)
                if mutates:
                    self.state.save()
        except ApiError:
            if fault is not None and fault.after:
                self._apply_fault(fault)
            raise
        if fault is not None and fault.after:
            self._apply_fault(fault)
        return 200, payload

    @staticmethod
    def _apply_fault(fault):
        """Delay, then drop the connection or raise the fault's error (if it has one)."""
        if fault.delay_ms:
            time.sleep(fault.delay_ms / 1000)
        if fault.drop:
            raise DropConnection()
        error = fault.error()
        if error is not None:
            raise error

    @staticmethod
    def _read_raw_body(environ):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= 0:
            return b""
        return environ["wsgi.input"].read(min(length, MAX_BODY_BYTES + 1))

    @staticmethod
    def _parse_json_body(raw):
        if len(raw) > MAX_BODY_BYTES:
            raise invalid_parameters([{"field": "body", "message": "is too large"}])
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise invalid_parameters([{"field": "body", "message": "must be valid JSON"}]) from None
        if not isinstance(body, dict):
            raise invalid_parameters([{"field": "body", "message": "must be a JSON object"}])
        return body

    @staticmethod
    def _respond(start_response, status, payload, extra_headers=()):
        data = json.dumps(payload).encode("utf-8")
        reason = STATUS_REASONS.get(status, "Error")
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
        start_response(f"{status} {reason}", headers + list(extra_headers))
        return [data]


STATUS_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
