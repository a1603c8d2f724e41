"""Faults the tests arm through `/_sandbox/faults`: error statuses, delays, dropped connections.

A fault matches an API path exactly, or every API path with `*`, for its next `times` calls.
With `after: true` the operation is applied first and the fault replaces its answer (the
"commit, then fail" case a client must survive without doing the operation twice).
"""

import threading

from .errors import error_for_status


class DropConnection(Exception):
    """Raised to make the server close the connection without answering."""


class Fault:
    """One armed fault."""

    def __init__(
        self,
        path,
        times,
        status=None,
        code=None,
        message=None,
        delay_ms=None,
        drop=False,
        after=False,
    ):
        self.path = path
        self.times = times
        self.status = status
        self.code = code
        self.message = message
        self.delay_ms = delay_ms or 0
        self.drop = drop
        self.after = after

    def matches(self, path):
        """True if this fault applies to a call of `path`."""
        return self.times > 0 and (self.path == "*" or self.path == path)

    def error(self):
        """The ApiError this fault answers with, or None if it only delays or drops."""
        if self.status is None:
            return None
        return error_for_status(self.status, self.code, self.message)

    def describe(self):
        """The fault as `GET /_sandbox/faults` lists it."""
        return {
            "path": self.path,
            "times": self.times,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "delay_ms": self.delay_ms,
            "drop": self.drop,
            "after": self.after,
        }


def read_fault(body):
    """A Fault from a control request body; raises ValueError with a reason if malformed."""
    if not isinstance(body, dict):
        raise ValueError("body must be a JSON object")
    path = body.get("path")
    if not isinstance(path, str) or not (path == "*" or path.startswith("/")):
        raise ValueError("path must be an API path or *")
    times = body.get("times", 1)
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise ValueError("times must be an integer >= 1")
    status = body.get("status")
    after = bool(body.get("after", False))
    if body.get("commit_then_status") is not None:
        status, after = body["commit_then_status"], True
    if status is not None and (
        isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599
    ):
        raise ValueError("status must be an HTTP error status (400..599)")
    delay_ms = body.get("delay_ms")
    if delay_ms is not None and (
        isinstance(delay_ms, bool) or not isinstance(delay_ms, int) or not 0 <= delay_ms <= 120_000
    ):
        raise ValueError("delay_ms must be an integer of 0..120000")
    drop = bool(body.get("drop", False)) or bool(body.get("commit_then_reset", False))
    after = after or bool(body.get("commit_then_reset", False))
    if status is None and not delay_ms and not drop:
        raise ValueError("give status, delay_ms or drop")
    return Fault(path, times, status, body.get("code"), body.get("message"), delay_ms, drop, after)


class FaultBook:
    """The armed faults; `take` consumes one matching fault per call, first armed first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.faults = []

    def arm(self, fault):
        """Add a fault."""
        with self.lock:
            self.faults.append(fault)

    def clear(self):
        """Disarm every fault."""
        with self.lock:
            self.faults.clear()

    def take(self, path):
        """The fault for this call of `path` (its count decremented), or None."""
        with self.lock:
            for fault in self.faults:
                if fault.matches(path):
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def describe(self):
        """The armed faults."""
        with self.lock:
            return [fault.describe() for fault in self.faults]
