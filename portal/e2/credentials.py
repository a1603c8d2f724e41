"""The API token the owner saved in the portal, read from the database once per process.

Saving or deleting the credential in this process forgets the copy at once (model signals,
connected in ``E2Config.ready``). Another process (a second web worker, a Celery worker) cannot
signal this one, so the copy is also read again once it is ``SAVED_TOKEN_MAX_AGE`` seconds
old, and as soon as the API rejects it (``open_client`` forgets it on ``E2Unauthorized``).
"""

import threading
from time import monotonic

from portal.e2.types import Secret

# How long a token saved by another process may go unnoticed here, at most.
SAVED_TOKEN_MAX_AGE = 30.0


class _SavedTokenCache:
    """One (token, read at) pair, and a count of forgets so that a read racing a forget is
    not kept."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entry: tuple[Secret | None, float] | None = None
        self.generation = 0

    def get(self) -> Secret | None:
        with self.lock:
            entry, generation = self.entry, self.generation
        now = monotonic()
        if entry is not None and now - entry[1] < SAVED_TOKEN_MAX_AGE:
            return entry[0]
        token = _read_saved_token()
        with self.lock:
            if generation == self.generation:
                self.entry = (token, now)
        return token

    def forget(self) -> None:
        with self.lock:
            self.entry = None
            self.generation += 1


_cache = _SavedTokenCache()


def saved_token() -> Secret | None:
    """The token saved in the portal, or None when there is none; cached as described above."""
    return _cache.get()


def forget_saved_token(*args, **kwargs) -> None:
    """Read the saved token from the database next time; also a receiver of model signals."""
    _cache.forget()


def _read_saved_token() -> Secret | None:
    from portal.e2.models import ApiCredential  # the client stays importable before setup()

    credential = ApiCredential.objects.only("token").first()
    return credential.token if credential and credential.token else None
