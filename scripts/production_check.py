"""Run the production path as the container files define it, on this machine, and check it.

The commands are read from the Dockerfile (the web server's CMD) and docker-compose.yml (the
worker's and beat's), so this check cannot drift from what a deployment runs. It needs
PostgreSQL and Redis (DATABASE_URL, REDIS_URL); it starts an e2 sandbox for the API.

Steps: collectstatic and migrate with production settings (DEBUG off, WhiteNoise manifest
storage); gunicorn with the Dockerfile's command; the worker and beat with compose's
commands; then the login page, a hashed static file, /healthz and /readyz over HTTP, a job
queued for the worker (a usage sync run that must finish), and a task that beat must send.

    python scripts/production_check.py
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DEADLINE_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dockerfile_command() -> list[str]:
    """The runtime stage's CMD, as the JSON array the Dockerfile gives."""
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    return json.loads(next(line for line in reversed(lines) if line.startswith("CMD "))[4:])


def compose_commands() -> dict[str, list[str]]:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return {name: services[name]["command"] for name in ("worker", "beat", "migrate")}


def production_environment(port: int, sandbox_url: str, token: str, static_root: Path) -> dict:
    """The variables compose and .env.example name, with values for this machine."""
    for required in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(required):
            sys.exit(f"{required} must point at a running service")
    keys = subprocess.run(
        [
            PYTHON,
            "-c",
            "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "CELERY_TASK_ALWAYS"))
    }
    environment.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ENCRYPTION_KEYS": keys,
            "ALLOWED_HOSTS": "portal.example.com",
            "E2_API_URL": sandbox_url,
            "E2_API_TOKEN": token,
            "EMAIL_URL": "consolemail://",
            "STATIC_ROOT": str(static_root),
            "PORTAL_VAR_DIR": str(static_root.parent / "var"),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    return environment


def run(command: list[str], environment: dict) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, env=environment, check=True)


def start(name: str, command: list[str], environment: dict, log_dir: Path) -> subprocess.Popen:
    print(f"starting {name}:", " ".join(command), flush=True)
    log = (log_dir / f"{name}.log").open("w")
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def get(url: str, **headers) -> tuple[int, bytes]:
    """GET a URL of the local server (only http://127.0.0.1 is ever asked)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(url)
    request = urllib.request.Request(url, headers={"Host": "portal.example.com", **headers})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(what: str, check, timeout: float = DEADLINE_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except (OSError, urllib.error.URLError):
            result = None
        if result:
            return result
        time.sleep(0.5)
    raise SystemExit(f"FAILED: {what} within {timeout:.0f} s")


def django_shell(code: str, environment: dict) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def main() -> None:
    work = Path(os.environ.get("PRODUCTION_CHECK_DIR", ROOT / "var" / "production-check"))
    work.mkdir(parents=True, exist_ok=True)
    port, sandbox_port, token = free_port(), free_port(), secrets.token_urlsafe(16)
    environment = production_environment(
        port, f"http://127.0.0.1:{sandbox_port}", token, work / "staticfiles"
    )
    commands = compose_commands()
    processes = []
    try:
        processes.append(
            start(
                "sandbox",
                [
                    PYTHON,
                    "manage.py",
                    "e2sandbox",
                    "--bind",
                    f"127.0.0.1:{sandbox_port}",
                    f"--token={token}",
                ],
                environment,
                work,
            )
        )
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], environment)
        run([str(BIN / commands["migrate"][0]), *commands["migrate"][1:]], environment)
        web = dockerfile_command()
        web = [part.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for part in web]
        processes.append(start("web", [str(BIN / web[0]), *web[1:]], environment, work))
        for name in ("worker", "beat"):
            command = commands[name]
            processes.append(start(name, [str(BIN / command[0]), *command[1:]], environment, work))

        base = f"http://127.0.0.1:{port}"
        https = {"X-Forwarded-Proto": "https"}
        _, body = wait_for(
            "the login page",
            lambda: (answer := get(f"{base}/login/", **https))[0] == 200 and answer,
        )
        static = re.search(rb'href="(/static/vendor/tabler/tabler\.min\.[0-9a-f]{12}\.css)"', body)
        if not static:
            raise SystemExit("FAILED: the login page links no hashed (manifest) stylesheet")
        assert get(base + static.group(1).decode(), **https)[0] == 200, "the hashed stylesheet"
        # As the container's health check asks it: plain HTTP, no proxy headers.
        assert get(f"{base}/healthz", Host="127.0.0.1")[0] == 200, "/healthz"
        ready_status, ready = get(f"{base}/readyz", **https)
        assert ready_status == 200, f"/readyz answered {ready_status}: {ready[:300]!r}"
        print("web: login page, hashed static file, /healthz and /readyz answer", flush=True)

        before = django_shell(
            "from portal.usage.models import SyncRun\n"
            "from portal.usage.services import rerun_sync\n"
            "from django.db import transaction\n"
            "print(SyncRun.objects.order_by('-pk').values_list('pk', flat=True).first() or 0)\n"
            "with transaction.atomic(): rerun_sync()\n",
            environment,
        )
        finished = wait_for(
            "the worker finishing a usage sync run",
            lambda: django_shell(
                "from portal.usage.models import SyncRun\n"
                f"run = SyncRun.objects.filter(pk__gt={int(before)}, finished_at__isnull=False)"
                ".first()\n"
                "print(run.state if run else '')",
                environment,
            ),
        )
        print(f"worker: a queued usage sync run ended as {finished!r}", flush=True)

        django_shell(
            "from django_celery_beat.models import IntervalSchedule, PeriodicTask\n"
            "every, _ = IntervalSchedule.objects.get_or_create(every=2, period='seconds')\n"
            "PeriodicTask.objects.update_or_create(name='production check', defaults={"
            "'task': 'portal.jobs.tasks.resume_stalled_jobs', 'interval': every})",
            environment,
        )
        # Beat sends it every 2 s; the worker's log says it ran (task results are not kept).
        worker_log = work / "worker.log"
        wait_for(
            "beat sending a scheduled task and the worker running it",
            lambda: re.search(
                r"Task portal\.jobs\.tasks\.resume_stalled_jobs\[[^\]]+\] succeeded",
                worker_log.read_text(),
            ),
        )
        print("beat: a scheduled task was sent and the worker ran it", flush=True)
        for process in processes:
            if process.poll() is not None:
                raise SystemExit(f"FAILED: {process.args[0]} exited with {process.returncode}")
        print("production check passed", flush=True)
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
