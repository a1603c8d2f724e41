"""Secrets at rest: a model field whose database value is Fernet ciphertext.

``ENCRYPTION_KEYS`` lists keys newest first: values are written with the first and read with
any, so a new key is put in front, ``rotate_encryption_keys`` re-encrypts, and then the old key
is dropped. The plain value exists only in memory, as a ``Secret`` that masks its repr.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

from portal.e2.types import Secret


class UnreadableSecret(Exception):
    """A stored value that none of the configured keys can decrypt."""


@cache
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise UnreadableSecret("ENCRYPTION_KEYS is empty.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def keyring() -> MultiFernet:
    return _keyring(tuple(settings.ENCRYPTION_KEYS))


def encrypt(plain: str) -> str:
    return keyring().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return keyring().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Deliberately vague: which key or byte failed is no business of a log reader.
        raise UnreadableSecret("A stored secret could not be decrypted.") from error


def rotate(token: str) -> str:
    """The same secret, encrypted with the newest key."""
    try:
        return keyring().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise UnreadableSecret("A stored secret could not be decrypted.") from error


class EncryptedTextField(models.TextField):
    """Stores a ``Secret`` (or str) encrypted; loads it back as a ``Secret``."""

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return Secret(decrypt(value))

    def to_python(self, value):
        if value is None or isinstance(value, Secret):
            return value
        return Secret(value)

    def get_prep_value(self, value):
        if value is None or value == "":
            return None if self.null else ""
        plain = value.reveal() if isinstance(value, Secret) else str(value)
        return encrypt(plain)

    def value_to_string(self, obj):
        # Serialising a model (dumpdata, admin history) never writes the plain value.
        return "[encrypted]"
