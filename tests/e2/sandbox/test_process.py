"""The sandbox as a process: state kept across restarts, the demo seed, the command line."""

import subprocess
import sys

import pytest

from tests.fixtures.sandbox import REPOSITORY, free_port, running_sandbox

from .conftest import CUSTOMER, RESELLER, create_user, enable_region


def test_state_survives_a_restart_with_state_file(tmp_path):
    state_file = tmp_path / "e2-state.json"
    port = free_port()
    with running_sandbox(token="t", port=port, extra_args=["--state", str(state_file)]) as first:
        create_user(first)
        storage_dn = enable_region(first)
        first.add_bucket(CUSTOMER, storage_dn, "photos")
        key = first.api(
            "POST",
            f"{RESELLER}/create_access_key",
            {"email": CUSTOMER, "storage_dn": storage_dn, "name": "k", "permissions": 2},
        ).json()["data"]
        users_before = first.api("GET", f"{RESELLER}/users").json()

    assert state_file.exists()
    assert key["secret_key"] not in state_file.read_text()
    with running_sandbox(token="t", port=port, extra_args=["--state", str(state_file)]) as second:
        assert second.api("GET", f"{RESELLER}/users").json() == users_before
        keys = second.api(
            "POST", f"{RESELLER}/list_access_keys", {"email": CUSTOMER, "storage_dn": storage_dn}
        ).json()["access_keys"]
        assert [entry["key_id"] for entry in keys] == [key["access_key"]]
        refused = second.api(
            "POST", f"{RESELLER}/remove_user_region", {"email": CUSTOMER, "storage_dn": storage_dn}
        )
        assert refused.json()["error"]["code"] == "storage_not_empty"


def test_without_a_state_file_a_restart_starts_empty():
    port = free_port()
    with running_sandbox(token="t", port=port) as first:
        create_user(first)
    with running_sandbox(token="t", port=port) as second:
        assert second.api("GET", f"{RESELLER}/users").json()["users"] == []


@pytest.fixture(scope="module")
def demo():
    with running_sandbox(extra_args=["--seed", "demo"]) as handle:
        yield handle


def test_the_demo_seed_has_a_dozen_customers_in_every_state(demo):
    users = demo.api("GET", f"{RESELLER}/users").json()["users"]

    assert len(users) == 12
    assert sum(not user["is_active"] for user in users) == 1
    pending = [user for user in users if not user["is_signed_up"]]
    assert len(pending) == 1 and pending[0]["invite_url"]
    assert all(user["storage_used"] > 0 for user in users if user["is_signed_up"])


def test_the_demo_seed_has_months_of_growing_usage(demo):
    email = "priya@ramanlabs.example"
    days = demo.api(
        "POST",
        f"{RESELLER}/usage_stats",
        {"email": email, "date_from": "2000-01-01", "date_to": "2100-01-01"},
    ).json()

    assert len(days) >= 120
    assert days[-1]["disk_used"] > days[0]["disk_used"]


def test_the_demo_seed_has_regions_keys_activity_subusers_and_a_cname(demo):
    email = "olivia.bennett@harborlight-media.example"
    regions = demo.api("POST", f"{RESELLER}/list_user_regions", {"email": email}).json()
    storage_dn = regions["user_regions"][0]["storage_dn"]
    keys = demo.api(
        "POST", f"{RESELLER}/list_access_keys", {"email": email, "storage_dn": storage_dn}
    ).json()
    cnames = demo.api(
        "POST", f"{RESELLER}/storage/cname", {"email": email, "storage_dn": storage_dn}
    ).json()
    subusers = demo.api("POST", "/api/subusers/v1/list", {"admin_email": email}).json()["users"]
    history = demo.api(
        "POST",
        f"{RESELLER}/user_activity_history",
        {"email": email, "start_date": "2000-01-01", "end_date": "2100-01-01"},
    ).json()

    assert len(regions["user_regions"]) == 2
    assert keys["access_keys"]
    assert cnames["cname_list"][0]["cname"] == "s3.harborlight-media.example"
    assert {subuser["signed_up"] for subuser in subusers} == {True, False}
    assert history["pagination"]["total_records"] > 50


def test_reset_empties_and_seed_refills(demo):
    demo.reset()
    assert demo.api("GET", f"{RESELLER}/users").json()["users"] == []

    demo.seed("demo")

    assert len(demo.api("GET", f"{RESELLER}/users").json()["users"]) == 12


def test_the_module_entry_point_prints_the_ready_line():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.e2.sandbox", "--bind", f"127.0.0.1:{port}", "--token", "t"],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert (
            process.stdout.readline().strip() == f"e2 sandbox listening on http://127.0.0.1:{port}"
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
