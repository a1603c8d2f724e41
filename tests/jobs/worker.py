"""A real Celery worker in a subprocess, pointed at the test database, Redis and the sandbox.

Each worker listens on a queue of its own, so tests never pick up each other's messages, and
a short visibility timeout makes a killed worker's message come back within seconds.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from portal.celery import app as celery_app

REPOSITORY = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT_SECONDS = 4


def wait_for(condition, timeout, what, interval=0.1):
    """Poll `condition` until it returns something true; fail the test after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test database)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db.get('USER') or ''}{password}@{db.get('HOST') or '127.0.0.1'}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


class WorkerProcess:
    """One `celery worker` process group; killed only through its own process group id."""

    def __init__(self, environment: dict, queue: str):
        self.environment = environment
        self.queue = queue
        self.process = None
        self.log_path = None

    def start(self) -> "WorkerProcess":
        handle, name = tempfile.mkstemp(prefix="worker-", suffix=".log")
        os.close(handle)
        self.log_path = Path(name)
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker",
            "--pool", "prefork", "--concurrency", "1", "-Q", self.queue,
            "--hostname", f"{self.queue}-{uuid.uuid4().hex[:6]}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--loglevel", "INFO",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPOSITORY,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(self._ready, 40, "the worker to start")
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"the worker exited with {self.process.returncode}:\n{self.output()}")
        return " ready." in self.output()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool child), as a dead machine would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.log_path:
            with contextlib.suppress(OSError):
                self.log_path.unlink()


@pytest.fixture
def celery_workers(transactional_db, e2, settings):
    """Starts real workers on demand (`celery_workers.start()`), all on one fresh queue."""
    queue = f"test-jobs-{uuid.uuid4().hex[:10]}"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": os.environ["REDIS_URL"],
        "E2_API_URL": e2.url,
        "E2_API_TOKEN": e2.token,
        "ENCRYPTION_KEYS": ",".join(settings.ENCRYPTION_KEYS),
        "SECRET_KEY": settings.SECRET_KEY,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_SECONDS),
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "JOB_RETRY_BACKOFF_SECONDS": "0.2",
    }
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    started = []

    class Workers:
        def start(self) -> WorkerProcess:
            worker = WorkerProcess(environment, queue)
            started.append(worker)
            return worker.start()

    yield Workers()
    for worker in started:
        worker.stop()
    celery_app.conf.task_default_queue = previous_queue
    with celery_app.connection_for_write() as broker:
        # The queue and what kombu keeps about it (its exchange is named like it).
        broker.default_channel.client.delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )
