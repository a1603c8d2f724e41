import pytest
from cryptography.fernet import Fernet
from django.db import connection

from portal.e2.models import ApiCredential
from portal.e2.types import Secret
from portal.encryption import UnreadableSecret, decrypt, encrypt, rotate

pytestmark = pytest.mark.django_db


def raw_token_column() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {ApiCredential._meta.db_table}")
        return cursor.fetchone()[0]


def test_the_api_token_is_stored_encrypted_and_read_back_as_a_masked_secret():
    ApiCredential.objects.create(token=Secret("tok-plain-value-123"))
    assert "tok-plain-value-123" not in raw_token_column()
    loaded = ApiCredential.objects.get()
    assert isinstance(loaded.token, Secret)
    assert loaded.token.reveal() == "tok-plain-value-123"
    assert "tok-plain-value-123" not in repr(loaded.token)
    assert "tok-plain-value-123" not in str(loaded.token)


def test_keys_rotate_newest_first_without_losing_anything(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old_key]
    ApiCredential.objects.create(token="rotating-secret")
    written_with_old = raw_token_column()

    settings.ENCRYPTION_KEYS = [new_key, old_key]
    assert ApiCredential.objects.get().token.reveal() == "rotating-secret"
    rotated = rotate(written_with_old)

    settings.ENCRYPTION_KEYS = [new_key]
    assert decrypt(rotated) == "rotating-secret"
    with pytest.raises(UnreadableSecret):
        decrypt(written_with_old)


def test_a_tampered_value_is_refused_with_a_vague_error():
    token = encrypt("value")
    tampered = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
    with pytest.raises(UnreadableSecret) as refused:
        decrypt(tampered)
    assert "value" not in str(refused.value)


def test_serialising_the_model_never_writes_the_plain_value():
    from django.core import serializers

    ApiCredential.objects.create(token="never-serialised")
    assert "never-serialised" not in serializers.serialize("json", ApiCredential.objects.all())


def test_rotate_command_re_encrypts_every_secret_with_the_newest_key(settings):
    from django.core.management import call_command

    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old_key]
    ApiCredential.objects.create(token="kept-through-rotation")

    settings.ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys")
    call_command("rotate_encryption_keys")  # a rerun is harmless

    settings.ENCRYPTION_KEYS = [new_key]
    assert ApiCredential.objects.get().token.reveal() == "kept-through-rotation"
