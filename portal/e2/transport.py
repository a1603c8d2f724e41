"""How the e2 client talks HTTP: one pooled session, timeouts, a deadline, safe retries, logs.

The API has no idempotency keys and uses PUT for creates, so nothing here retries by HTTP
method: each operation declares its kind (see RETRY_ON) and only failures that are safe to
repeat for that kind are retried, with exponential backoff and full jitter, within a bounded
number of attempts and the call's overall deadline.
"""

import contextvars
import enum
import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.util.retry import Retry

from .errors import (
    E2ConnectionError,
    E2ConnectionLost,
    E2Error,
    E2MalformedResponse,
    E2RequestRefused,
    E2ServerError,
    E2Timeout,
    error_from_response,
)

logger = logging.getLogger("portal.e2")

DEFAULT_CONNECT_TIMEOUT = 3.05
DEFAULT_READ_TIMEOUT = 20.0
DEFAULT_DEADLINE = 30.0  # seconds for a whole call, retries and backoff included
DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_BACKOFF_BASE = 0.5
DEFAULT_BACKOFF_CAP = 5.0
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
READ_CHUNK_BYTES = 64 * 1024
# No attempt is started with less time than this left before the deadline.
MIN_ATTEMPT_SECONDS = 0.05

# Field names whose values never reach a log line.
SECRET_FIELDS = frozenset({"token", "password", "secret_key", "private_key", "passphrase"})
REDACTED = "********"


# A cap on the deadline of reads, set for the length of a web request (portal.e2.middleware):
# a page or fragment waiting on a slow e2 gives up after a few seconds, while background work
# keeps the full deadline. Writes keep theirs everywhere: a cut-short write is more ambiguous.
READ_DEADLINE_CAP: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "e2_read_deadline_cap", default=None
)


class Kind(enum.Enum):
    """How safe it is to repeat an operation whose outcome is unknown."""

    READ = "read"  # changes nothing
    IDEMPOTENT = "idempotent"  # same natural key, same end state ("already" codes on replay)
    CREATE = "create"  # a replay creates a second object or fails confusingly
    DESTRUCTIVE = "destructive"  # a replay fails confusingly; the caller verifies


# Which failures each kind retries. E2ConnectionError means nothing was sent, so every kind
# may retry it; E2ServerError, E2Timeout and E2ConnectionLost leave the outcome unknown.
RETRY_ON: dict[Kind, tuple[type[E2Error], ...]] = {
    Kind.READ: (E2ConnectionError, E2ServerError, E2Timeout, E2ConnectionLost),
    Kind.IDEMPOTENT: (E2ConnectionError, E2ServerError, E2ConnectionLost),
    Kind.CREATE: (E2ConnectionError,),
    Kind.DESTRUCTIVE: (E2ConnectionError,),
}

# Failures after which the request may have been applied.
AMBIGUOUS_FAILURES = (E2ServerError, E2Timeout, E2ConnectionLost)


@dataclass(frozen=True)
class Endpoint:
    """One API operation: its name, HTTP method, path and kind.

    `replay_codes` are 403 codes that mean "already done"; they count as success only when an
    earlier attempt of the same call had an ambiguous outcome (so this call did it).
    """

    name: str
    method: str
    path: str
    kind: Kind
    replay_codes: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Reply:
    """A successful answer: the decoded JSON body, or the replay code that stood for success."""

    body: Any
    replayed_code: str | None = None


def redact(value: Any) -> Any:
    """A copy of a JSON-like value with every secret field masked, for logging."""
    if isinstance(value, Mapping):
        return {
            key: REDACTED if str(key).lower() in SECRET_FIELDS else redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value


def build_session() -> requests.Session:
    """A pooled session with transport-level retries switched off (PUT creates things)."""
    session = requests.Session()
    adapter = HTTPAdapter(
        max_retries=Retry(total=0, connect=0, read=0, redirect=0, status=0, other=0),
        pool_connections=4,
        pool_maxsize=10,
    )
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


class Transport:
    """Sends one operation, retrying only what its kind allows; raises E2Error subclasses."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        user_agent: str,
        connect_timeout: float,
        read_timeout: float,
        deadline: float,
        max_attempts: int,
        backoff_base: float,
        backoff_cap: float,
        max_body_bytes: int,
        session: requests.Session | None = None,
    ):
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.deadline = deadline
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_body_bytes = max_body_bytes
        self.session = session if session is not None else build_session()
        self._headers = {
            "token": token,
            "User-Agent": user_agent,
            "Accept": "application/json",
            # Uncompressed answers keep the body-size limit honest.
            "Accept-Encoding": "identity",
        }
        self._clock = time.monotonic
        self._sleep = time.sleep

    def __repr__(self) -> str:
        return f"Transport({self.base_url!r})"

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def backoff_delay(self, failed_attempts: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2^(n-1))] after n failed attempts."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (failed_attempts - 1))
        return random.uniform(0, ceiling)

    def call(
        self,
        endpoint: Endpoint,
        payload: Mapping[str, Any] | None = None,
        parse: Callable[[Any], Any] | None = None,
    ) -> Reply:
        """Perform `endpoint` with the JSON `payload`; the reply, or an E2Error.

        `parse` turns the decoded JSON of a success into the reply's body; it raises
        E2MalformedResponse for an answer of the wrong shape.
        """
        started = self._clock()
        deadline = self.deadline
        cap = READ_DEADLINE_CAP.get()
        if cap is not None and endpoint.kind is Kind.READ:
            deadline = min(deadline, cap)
        deadline_at = started + deadline
        attempt = 0
        ambiguous = False  # an earlier attempt may have been applied
        while True:
            attempt += 1
            status = None
            try:
                status, body = self._attempt(endpoint, payload, deadline_at)
                if parse is not None:
                    body = parse(body)
            except E2Error as error:
                if error.status is None:
                    error.status = status  # a 2xx whose body had the wrong shape
                error.operation = endpoint.name
                if (
                    ambiguous
                    and isinstance(error, E2RequestRefused)
                    and error.code in endpoint.replay_codes
                ):
                    self._log_call(endpoint, error.status, started, attempt, f"ok ({error.code})")
                    return Reply(body=None, replayed_code=error.code)
                ambiguous = ambiguous or isinstance(error, AMBIGUOUS_FAILURES)
                delay = self._retry_delay(endpoint, error, attempt, deadline_at)
                if delay is None:
                    error.attempts = attempt
                    error.outcome_unknown = ambiguous and endpoint.kind is not Kind.READ
                    outcome = error.code or type(error).__name__
                    self._log_call(endpoint, error.status, started, attempt, outcome)
                    raise
                logger.warning(
                    "e2 %s attempt %d failed (%s); retrying in %.2fs",
                    endpoint.name,
                    attempt,
                    error.code or type(error).__name__,
                    delay,
                )
                self._sleep(delay)
                continue
            self._log_call(endpoint, status, started, attempt, "ok")
            return Reply(body=body)

    def _retry_delay(
        self, endpoint: Endpoint, error: E2Error, attempt: int, deadline_at: float
    ) -> float | None:
        """Seconds to wait before the next attempt, or None to give up."""
        if not isinstance(error, RETRY_ON[endpoint.kind]) or attempt >= self.max_attempts:
            return None
        delay = self.backoff_delay(attempt)
        if self._clock() + delay + MIN_ATTEMPT_SECONDS >= deadline_at:
            return None
        return delay

    def _attempt(
        self, endpoint: Endpoint, payload: Mapping[str, Any] | None, deadline_at: float
    ) -> tuple[int, Any]:
        """One HTTP exchange: (status, decoded body) on 2xx, else raises."""
        remaining = deadline_at - self._clock()
        if remaining <= 0:
            raise E2Timeout("deadline reached", code="timeout", operation=endpoint.name)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "e2 %s %s %s body=%s",
                endpoint.name,
                endpoint.method,
                endpoint.path,
                json.dumps(redact(payload)),
            )
        try:
            response = self.session.request(
                endpoint.method,
                self.base_url + endpoint.path,
                json=payload,
                headers=self._headers,
                timeout=(min(self.connect_timeout, remaining), min(self.read_timeout, remaining)),
                stream=True,
                # A redirect would carry the token header to another host.
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise _transport_error(error, endpoint.name) from None
        try:
            raw = self._read_body(response, endpoint.name, deadline_at)
        except BaseException:
            response.close()  # drops the connection: its state is unknown
            raise
        # Fully read: hand the connection back to the pool with a normal timeout.
        _limit_socket_wait(response, self.read_timeout)
        response.raw.release_conn()
        status = response.status_code
        body = _decode_json(raw)
        if 200 <= status < 300:
            if body is _NOT_JSON:
                raise E2MalformedResponse(
                    "answer is not JSON",
                    code="malformed_response",
                    status=status,
                    operation=endpoint.name,
                )
            return status, body
        raise error_from_response(
            status, None if body is _NOT_JSON else body, operation=endpoint.name
        )

    def _read_body(self, response: requests.Response, operation: str, deadline_at: float) -> bytes:
        """The whole body, read in chunks so that neither a slow drip nor a huge answer can
        keep the call past its deadline or fill memory."""
        body = bytearray()
        while True:
            remaining = deadline_at - self._clock()
            if remaining <= 0:
                raise E2Timeout(
                    "deadline reached while reading the answer",
                    code="timeout",
                    status=response.status_code,
                    operation=operation,
                )
            _limit_socket_wait(response, min(self.read_timeout, remaining))
            try:
                chunk = response.raw.read1(READ_CHUNK_BYTES, decode_content=True)
            except ReadTimeoutError:
                raise E2Timeout(
                    "timed out reading the answer",
                    code="timeout",
                    status=response.status_code,
                    operation=operation,
                ) from None
            except DecodeError:
                raise E2MalformedResponse(
                    "answer could not be decoded",
                    code="malformed_response",
                    status=response.status_code,
                    operation=operation,
                ) from None
            except (Urllib3Error, OSError):
                raise E2ConnectionLost(
                    "connection lost while reading the answer",
                    code="connection_lost",
                    status=response.status_code,
                    operation=operation,
                ) from None
            if not chunk:
                return bytes(body)
            body += chunk
            if len(body) > self.max_body_bytes:
                raise E2MalformedResponse(
                    f"answer larger than {self.max_body_bytes} bytes",
                    code="malformed_response",
                    status=response.status_code,
                    operation=operation,
                )

    def _log_call(
        self, endpoint: Endpoint, status: int | None, started: float, attempts: int, outcome: str
    ) -> None:
        duration_ms = round((self._clock() - started) * 1000)
        logger.info(
            "e2 %s %s %s status=%s duration_ms=%d attempts=%d outcome=%s",
            endpoint.name,
            endpoint.method,
            endpoint.path,
            status if status is not None else "-",
            duration_ms,
            attempts,
            outcome,
            extra={
                "e2_operation": endpoint.name,
                "e2_method": endpoint.method,
                "e2_path": endpoint.path,
                "e2_status": status,
                "e2_duration_ms": duration_ms,
                "e2_attempts": attempts,
                "e2_outcome": outcome,
            },
        )


_NOT_JSON = object()


def _decode_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:  # also UnicodeDecodeError
        return _NOT_JSON


def _limit_socket_wait(response: requests.Response, seconds: float) -> None:
    """Make the next socket read give up by the deadline, not a full read timeout later."""
    connection = getattr(response.raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


def _transport_error(error: requests.RequestException, operation: str) -> E2Error:
    """The E2Error for a failure before any answer arrived."""
    reason = error.args[0] if error.args else None
    if isinstance(reason, MaxRetryError):
        # With retries off, urllib3 may wrap the real cause in MaxRetryError.
        reason = reason.reason
    if isinstance(error, requests.ConnectTimeout) or isinstance(reason, ConnectTimeoutError):
        return E2ConnectionError("connect timed out", code="connection_error", operation=operation)
    if isinstance(error, requests.ReadTimeout) or isinstance(reason, ReadTimeoutError):
        return E2Timeout("timed out waiting for the answer", code="timeout", operation=operation)
    sent = isinstance(error, requests.ConnectionError) and not (
        isinstance(error, requests.exceptions.SSLError) or isinstance(reason, NewConnectionError)
    )
    if sent:
        return E2ConnectionLost("connection lost", code="connection_lost", operation=operation)
    # Refused, DNS failure, TLS handshake failure, bad URL: the request never left.
    return E2ConnectionError(type(error).__name__, code="connection_error", operation=operation)
