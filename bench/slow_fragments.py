"""Does a slow e2 stall the site? A bare page's time while htmx fragments wait on a delayed
sandbox, under the Dockerfile's gunicorn command, next to the same command with sync workers.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/12 \\
     .venv/bin/python bench/slow_fragments.py [--fragments 6] [--delay-ms 4000]

It creates (and drops) a database of its own on DATABASE_URL's server, runs collectstatic,
migrate and the demo seed with production settings (DEBUG off), starts an e2 sandbox, then for
each worker setup: measures the login page idle, then again while ``--fragments`` requests of
a customer's activity fragment wait on the sandbox (every e2 call delayed by ``--delay-ms``).
Printed: the median and worst bare-page time idle and loaded, and their ratio (target: the
Dockerfile's setup within 2x).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import production_check as production  # noqa: E402

HOST = "portal.example.com"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}


def database_urls(name: str) -> tuple[str, str]:
    """(the server's maintenance URL, the bench database's URL)."""
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}"))


def psql(url: str, sql: str) -> None:
    subprocess.run(["psql", url, "-qc", sql], check=True)


class Browser:
    """A staff member's cookies, sent by hand: the session cookie is Secure and this is HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {**HEADERS, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def log_in(self, email: str, password: str) -> None:
        page = self.request("GET", "/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        answer = self.request(
            "POST",
            "/login/",
            data={"csrfmiddlewaretoken": token, "username": email, "password": password},
            headers={"Origin": f"https://{HOST}", "Referer": f"https://{HOST}/login/"},
        )
        if answer.status_code != 302:
            raise SystemExit(f"login failed: {answer.status_code}")


def bare_times(base: str, count: int, pause: float = 0.0) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        answer = requests.get(f"{base}/login/", headers=HEADERS, timeout=60)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.status_code
        time.sleep(pause)
    return times


def measure(name, command, environment, work, sandbox_url, customer_pk, args) -> dict:
    port = production.free_port()
    command = [part.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for part in command]
    web = production.start(
        name, [str(production.BIN / command[0]), *command[1:]], environment, work
    )
    base = f"http://127.0.0.1:{port}"
    try:
        production.wait_for(
            "the login page", lambda: requests.get(f"{base}/login/", headers=HEADERS, timeout=5).ok
        )
        browser = Browser(base)
        browser.log_in("owner@demo.example", (work / "var" / "demo-owner-password").read_text())
        fragment = f"/customers/{customer_pk}/tab/activity/entries/"
        assert browser.request("GET", fragment, headers={"HX-Request": "true"}).ok
        bare_times(base, 10)  # warm every worker
        idle = bare_times(base, 30)

        requests.post(
            f"{sandbox_url}/_sandbox/faults",
            json={"path": "*", "times": 10_000, "delay_ms": args.delay_ms},
            timeout=10,
        ).raise_for_status()
        waiting = [
            threading.Thread(
                target=browser.request,
                args=("GET", fragment),
                kwargs={"headers": {"HX-Request": "true"}},
            )
            for _ in range(args.fragments)
        ]
        for thread in waiting:
            thread.start()
        time.sleep(0.3)  # the fragments are now waiting on e2
        # Bare pages, one after another, for as long as the fragments are waiting.
        loaded = []
        while any(thread.is_alive() for thread in waiting):
            loaded += bare_times(base, 1, pause=0.05)
        for thread in waiting:
            thread.join()
        requests.delete(f"{sandbox_url}/_sandbox/faults", timeout=10)
    finally:
        os.killpg(web.pid, 15)
        web.wait(timeout=20)
    result = {
        "setup": name,
        "idle_median_ms": statistics.median(idle),
        "loaded_median_ms": statistics.median(loaded),
        "loaded_worst_ms": max(loaded),
        "loaded_count": len(loaded),
    }
    result["ratio"] = result["loaded_median_ms"] / result["idle_median_ms"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fragments", type=int, default=6)
    parser.add_argument("--delay-ms", type=int, default=4000)
    args = parser.parse_args()
    name = "portal_bench_fragments"
    admin_url, database_url = database_urls(name)
    psql(admin_url, f"DROP DATABASE IF EXISTS {name}")
    psql(admin_url, f"CREATE DATABASE {name}")
    work = ROOT / "var" / "bench-fragments"
    work.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
    sandbox_port, token = production.free_port(), "bench-token"
    sandbox_url = f"http://127.0.0.1:{sandbox_port}"
    environment = production.production_environment(0, sandbox_url, token, work / "staticfiles")
    environment["ALLOWED_HOSTS"] = HOST
    sandbox = production.start(
        "sandbox",
        [
            production.PYTHON,
            "manage.py",
            "e2sandbox",
            "--bind",
            f"127.0.0.1:{sandbox_port}",
            f"--token={token}",
            "--seed=demo",
        ],
        environment,
        work,
    )
    try:
        production.run([production.PYTHON, "manage.py", "collectstatic", "--noinput"], environment)
        production.run([production.PYTHON, "manage.py", "migrate", "--noinput"], environment)
        production.run([production.PYTHON, "manage.py", "seed_demo"], environment)
        customer_pk = production.django_shell(
            "from portal.customers.models import Customer\n"
            "print(Customer.objects.filter(storages__isnull=False).order_by('pk').first().pk)",
            environment,
        )
        dockerfile = production.dockerfile_command()
        sync_workers = [part for part in dockerfile]
        index = sync_workers.index("--worker-class")
        sync_workers[index + 1] = "sync"
        threads = sync_workers.index("--threads")
        del sync_workers[threads : threads + 2]
        results = [
            measure(
                "sync workers (baseline)",
                sync_workers,
                environment,
                work,
                sandbox_url,
                customer_pk,
                args,
            ),
            measure(
                "the Dockerfile's command",
                dockerfile,
                environment,
                work,
                sandbox_url,
                customer_pk,
                args,
            ),
        ]
    finally:
        os.killpg(sandbox.pid, 15)
        sandbox.wait(timeout=20)
        psql(admin_url, f"DROP DATABASE IF EXISTS {name}")
    print(f"\n{args.fragments} fragments waiting {args.delay_ms} ms on e2; bare page = /login/")
    for result in results:
        print(
            f"FIGURE {result['setup']}: idle {result['idle_median_ms']:.1f} ms, "
            f"loaded median {result['loaded_median_ms']:.1f} ms "
            f"(worst {result['loaded_worst_ms']:.1f} ms, {result['loaded_count']} pages), "
            f"ratio {result['ratio']:.2f}x"
        )
    if results[-1]["ratio"] > 2:
        raise SystemExit("FAILED: the bare page is more than 2x slower while fragments wait")


if __name__ == "__main__":
    main()
