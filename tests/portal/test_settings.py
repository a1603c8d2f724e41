"""The two configurations: the embedded default (no environment) and production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "engine": s.DATABASES["default"]["ENGINE"],
    "debug": s.DEBUG,
    "broker": s.CELERY_BROKER_URL,
    "email": s.EMAIL_BACKEND,
    "e2": s.E2_API_URL,
    "token": bool(s.E2_API_TOKEN),
    "cache": s.CACHES["default"]["BACKEND"],
    "sessions": s.SESSION_ENGINE,
    "secret_len": len(s.SECRET_KEY),
}))
"""


def production_environment(tmp_path) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-9f8a7",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "portal.example.com",
        "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "E2_API_TOKEN": "production-token",
        "ENCRYPTION_KEYS": "S3GzrLcDBFk0CYz1l4m5pGTuB2xPQjZsbxc-2Rmq3jE=",
        "EMAIL_URL": "smtp://mail.example.com:587",
    }


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_no_environment_at_all_gives_the_embedded_default(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    result = run_python(SHOW_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["debug"] is True
    assert shown["broker"] == "filesystem://"
    assert shown["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert shown["e2"] == "http://127.0.0.1:8765"
    assert shown["token"] is True
    assert shown["secret_len"] == 50
    # Generated once and kept, so a restart keeps sessions and encrypted data readable.
    for name in ("secret-key", "encryption-key", "sandbox-token"):
        assert (tmp_path / "var" / name).exists()
    again = json.loads(run_python(SHOW_SETTINGS, env).stdout)
    assert again == shown


def test_database_and_redis_urls_select_the_production_stack(tmp_path):
    result = run_python(SHOW_SETTINGS, production_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["debug"] is False
    assert shown["broker"] == "redis://127.0.0.1:6379/0"
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert shown["e2"] == "https://api.idrivee2.com"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ENCRYPTION_KEYS"])
def test_check_deploy_refuses_generated_secrets_in_production(tmp_path, missing):
    env = production_environment(tmp_path)
    del env[missing]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"{missing} is not set in the environment" in result.stderr
