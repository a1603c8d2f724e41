"""Run the whole portal on one machine: the e2 sandbox, the web server and the worker.

``make run`` calls this. It migrates, seeds the demo data once, starts every process, prints
where to log in, and stops everything it started on Ctrl-C. A second run reuses ``var/``.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.management.commands.seed_demo import (
    DEMO_OWNER_EMAIL,
    demo_customer_email,
    demo_owner_password,
)

MANAGE_PY = str(Path(settings.BASE_DIR) / "manage.py")


def wait_until_up(url: str, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"{url} did not start: its process exited ({process.returncode}).")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise CommandError(f"{url} did not answer within {seconds:.0f} s.")


class Command(BaseCommand):
    help = "Start the sandbox, web server and background worker; Ctrl-C stops them all."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="web server address")
        parser.add_argument("--no-worker", action="store_true", help="do not start the worker")

    def handle(self, *args, bind, no_worker, **options):
        self.processes: list[tuple[str, subprocess.Popen]] = []
        signal.signal(signal.SIGTERM, lambda *_: self._raise_interrupt())
        try:
            self._start_everything(bind, no_worker)
            self._watch()
        except KeyboardInterrupt:
            self.stdout.write("\nStopping…")
        finally:
            self._stop_everything()

    @staticmethod
    def _raise_interrupt():
        raise KeyboardInterrupt

    def _start_everything(self, bind: str, no_worker: bool) -> None:
        # Links in emails point at this server's port on the brand's domain.
        os.environ.setdefault("CONSOLE_PORT", bind.rsplit(":", 1)[-1])
        uses_sandbox = f"http://{settings.E2_SANDBOX_BIND}" == settings.E2_API_URL
        if uses_sandbox:
            self._start_sandbox()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo")
        web = self._spawn("web", [MANAGE_PY, "runserver", bind, "--noreload", "--skip-checks"])
        wait_until_up(f"http://{bind}/healthz", 60, web)
        if not no_worker:
            beat_schedule = str(settings.VAR_DIR / "celerybeat-schedule")
            self._spawn(
                "worker",
                ["-m", "celery", "-A", "portal", "worker", "--beat", "-s", beat_schedule,
                 "--loglevel", "INFO", "--concurrency", "2"],
            )  # fmt: skip
        self._print_welcome(bind, uses_sandbox)

    def _start_sandbox(self) -> None:
        state = settings.VAR_DIR / "sandbox-state.json"
        command = [
            MANAGE_PY, "e2sandbox", "--bind", settings.E2_SANDBOX_BIND,
            f"--token={settings.E2_API_TOKEN}", "--state", str(state),
        ]  # fmt: skip
        if not state.exists():
            command += ["--seed", "demo"]
        sandbox = self._spawn("sandbox", command)
        wait_until_up(f"{settings.E2_API_URL}/_sandbox/health", 30, sandbox)

    def _spawn(self, name: str, arguments: list[str]) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, *arguments], cwd=settings.BASE_DIR)
        self.processes.append((name, process))
        return process

    def _print_welcome(self, bind: str, uses_sandbox: bool) -> None:
        lines = [
            "",
            "The portal is running.",
            f"  Reseller console:  http://{bind}/login/",
            f"  Log in as:         {DEMO_OWNER_EMAIL}",
            f"  Password:          {demo_owner_password()}",
            f"  Ops admin:         http://{bind}/admin/",
        ]
        customer_email = demo_customer_email()
        if customer_email:
            port = bind.rsplit(":", 1)[-1]
            lines += [
                f"  Customer console:  http://localhost:{port}/console/ (the demo brand's domain)",
                f"  Customer login:    {customer_email}, same password",
            ]
        if uses_sandbox:
            lines.append(f"  e2 sandbox:        {settings.E2_API_URL}")
        lines += ["Press Ctrl-C to stop.", ""]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))

    def _watch(self) -> None:
        while True:
            for name, process in self.processes:
                if process.poll() is not None:
                    raise CommandError(f"The {name} process stopped ({process.returncode}).")
            time.sleep(0.5)

    def _stop_everything(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for _name, process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
