"""Structured logging: a request id on every line, and no secret in any line."""

import contextvars
import logging
import re
import time
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
logger = logging.getLogger("portal.request")

_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Field names whose values never reach a log line, in any spelling.
SECRET_FIELD_NAMES = (
    "token",
    "password",
    "secret",
    "secret_key",
    "private_key",
    "passphrase",
    "api_key",
    "authorization",
    "cookie",
)
_SECRET_NAMES = "|".join(SECRET_FIELD_NAMES)
_SECRET_ASSIGNMENT = re.compile(
    rf"""(?i)(["']?(?:{_SECRET_NAMES})["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}}&]+)"""
)
_PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]+-----.*?(-----END [A-Z ]+-----|$)", re.DOTALL)


# Links whose path carries a secret: password reset, customer and team invitations, staff
# set-password links. What follows these prefixes is the token (and the user's id).
TOKEN_PATH_PREFIXES = (
    "/console/reset/",
    "/console/invitation/",
    "/console/team/join/",
    "/login/set-password/",
)
_TOKEN_PATH = re.compile(
    "(" + "|".join(re.escape(prefix) for prefix in TOKEN_PATH_PREFIXES) + r")[^\s'\"?#]+"
)
_QUERY = re.compile(r"(/[^\s'\"?]*)\?[^\s'\"#]*")


def redact_path(text: str) -> str:
    """``text`` with the tokens of emailed links and every query string masked."""
    text = _TOKEN_PATH.sub(r"\1[redacted]/", text)
    return _QUERY.sub(r"\1?[redacted]", text)


def redact(text: str) -> str:
    """Mask secret-looking assignments, PEM blocks and link tokens in ``text``."""
    text = _PEM_BLOCK.sub("[redacted PEM]", text)
    return redact_path(_SECRET_ASSIGNMENT.sub(r"\1[redacted]", text))


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record so the formatter can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record's message so that no secret value survives formatting."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        for name, value in list(vars(record).items()):
            if name.lower() in SECRET_FIELD_NAMES and value:
                setattr(record, name, "[redacted]")
            elif name == "path" and isinstance(value, str):
                record.path = redact_path(value)
            elif name == "request" and hasattr(value, "method"):
                # Django's request warnings carry the request; its repr has the full path.
                record.request = f"{value.method} {redact_path(getattr(value, 'path', ''))}"
        return True


class RequestIdMiddleware:
    """Gives each request an id (a trusted proxy's ``X-Request-ID`` or a new one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
