"""`make run`'s command, end to end: a fresh var/, the sandbox, the web server and the worker
start, the printed credentials log in, and Ctrl-C stops everything."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def running_portal(tmp_path):
    """`manage.py runportal` on the embedded default, in a fresh var/ directory."""
    web_port, sandbox_port = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "E2_API_URL", "E2_API_TOKEN", "SECRET_KEY"}
        and not key.startswith("DJANGO_")
    }
    env |= {"PORTAL_VAR_DIR": str(tmp_path / "var"), "E2_SANDBOX_BIND": f"127.0.0.1:{sandbox_port}"}
    log = tmp_path / "runportal.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runportal", "--bind", f"127.0.0.1:{web_port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = time.monotonic()
    try:
        while "Press Ctrl-C to stop." not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() - started < 90, log.read_text()
            time.sleep(0.3)
        yield {
            "env": env,
            "process": process,
            "output": log.read_text(),
            "url": f"http://127.0.0.1:{web_port}",
            "sandbox": f"http://127.0.0.1:{sandbox_port}",
            "log": log,
            "seconds_to_ready": time.monotonic() - started,
        }
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.browser
def test_make_run_serves_the_login_page_and_the_printed_credentials_log_in(running_portal, page):
    output = running_portal["output"]
    email = re.search(r"Log in as:\s+(\S+)", output).group(1)
    password = re.search(r"Password:\s+(\S+)", output).group(1)
    print(f"FIGURE make_run_seconds_to_ready={running_portal['seconds_to_ready']:.1f}")
    assert running_portal["seconds_to_ready"] < 60

    page.goto(f"{running_portal['url']}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{running_portal['url']}/")
    assert page.locator("h1").inner_text() == "Dashboard"
    # The demo customers were seeded into the sandbox and mirrored into the portal.
    customers = int(re.search(r"of ([\d,]+) customers", page.content()).group(1).replace(",", ""))
    assert customers >= 12
    # Months of usage history were mirrored: the dashboard draws its chart at once.
    assert page.locator("#usage-chart").count() == 1

    # A demo customer logs into the branded console on the demo brand's domain.
    console = re.search(r"Customer console:\s+(\S+)", output).group(1)
    customer = re.search(r"Customer login:\s+([^,\s]+)", output).group(1)
    page.goto(console)
    page.get_by_label("Email").fill(customer)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/console/$"))
    assert "Northwind Cloud Storage" in page.title()


def test_make_run_starts_sandbox_and_worker_and_ctrl_c_stops_them(running_portal):
    assert requests.get(f"{running_portal['sandbox']}/_sandbox/health", timeout=5).ok
    assert requests.get(f"{running_portal['url']}/readyz", timeout=10).json()["status"] == "ok"
    deadline = time.monotonic() + 30
    while "ready." not in running_portal["log"].read_text():  # celery's "celery@host ready."
        assert time.monotonic() < deadline, running_portal["log"].read_text()
        time.sleep(0.3)

    process = running_portal["process"]
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=30) is not None
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{running_portal['sandbox']}/_sandbox/health", timeout=2)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{running_portal['url']}/healthz", timeout=2)


QUEUE_AND_WATCH_A_JOB = """
import time
from portal.accounts.models import User
from portal.jobs.models import Job
from portal.jobs.services import queue_cname_job
from portal.storage.models import Storage
from tests.fixtures.pem import certificate_pem, key_pem, make_certificate

certificate, key = make_certificate(("files.northwind.example",))
job = queue_cname_job(
    Job.Kind.CNAME_ADD, storage=Storage.objects.filter(customer__is_active=True).first(),
    requested_by=User.objects.get(email="owner@demo.example"), cname="files.northwind.example",
    certificate=certificate_pem(certificate), private_key=key_pem(key),
)
states = []
for _ in range(240):
    job.refresh_from_db()
    if not states or states[-1] != job.state:
        states.append(job.state)
    if job.state in ("succeeded", "failed"):
        break
    time.sleep(0.25)
print("STATES", " ".join(states), job.last_error)
"""


def test_make_run_runs_background_jobs_without_redis(running_portal):
    """The embedded default's worker takes jobs from the queue kept in var/."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", QUEUE_AND_WATCH_A_JOB],
        cwd=ROOT,
        env=running_portal["env"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    states = result.stdout.split("STATES", 1)[1].split()
    assert states[0] == "queued" and states[-1] == "succeeded", result.stdout
