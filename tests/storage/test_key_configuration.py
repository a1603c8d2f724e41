"""A new access key comes with the same ready-to-paste rclone, AWS CLI and s3cmd settings in
both consoles, on the brand's endpoint, shown this once and never cached."""

import html
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def expected_configuration(profile: str) -> list[str]:
    return [
        f"[{profile}]\ntype = s3\nprovider = Other\naccess_key_id = ACCESS\n"
        "secret_access_key = SECRET\nendpoint = https://ch.s3.brand-a.test\nacl = private",
        f"aws configure set aws_access_key_id ACCESS --profile {profile}\n"
        f"aws configure set aws_secret_access_key SECRET --profile {profile}\n"
        f"aws s3 ls --profile {profile} --endpoint-url https://ch.s3.brand-a.test",
        "[default]\naccess_key = ACCESS\nsecret_key = SECRET\nhost_base = ch.s3.brand-a.test\n"
        "host_bucket = ch.s3.brand-a.test\nuse_https = True",
    ]


def shown_configuration(body: str) -> list[str]:
    """The tool settings on the page, with this key's id and secret replaced by placeholders."""
    access = re.search(r'<code[^>]*id="access-key[^"]*"[^>]*>([^<]+)</code>', body)[1]
    secret = re.search(r'<code[^>]*id="secret-key[^"]*"[^>]*>([^<]+)</code>', body)[1]
    blocks = re.findall(r'<pre class="secret"[^>]*>(.*?)</pre>', body, re.DOTALL)
    return [
        html.unescape(block).replace(html.unescape(secret), "SECRET").replace(access, "ACCESS")
        for block in blocks
    ]


@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "page"])
@pytest.mark.parametrize(
    ("name", "profile"),
    # A name with no letters a profile can use falls back to a generic profile name.
    [("Nightly backup", "nightly-backup"), ("Резерв", "storage")],
    ids=["named-profile", "fallback-profile"],
)
def test_both_consoles_show_the_same_configuration_for_a_new_key(
    customer, customer_browser, staff_browser, htmx, name, profile
):
    storage = customer.storages.get()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    form = {"name": name, "permissions": "2", "buckets": ""}
    mine = customer_browser.post("/console/keys/new/", {**form, "storage": storage.pk}, **headers)
    staff = staff_browser.post(
        reverse("customers:create_key", args=[customer.pk, storage.pk]), form, **headers
    )
    for response in (mine, staff):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "https://ch.s3.brand-a.test" in response.content.decode()
    assert shown_configuration(mine.content.decode()) == expected_configuration(profile)
    assert shown_configuration(staff.content.decode()) == expected_configuration(profile)
