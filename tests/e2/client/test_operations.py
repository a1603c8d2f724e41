"""What each operation sends and how it reads the answer (against a scripted server)."""

import base64
import datetime

import pytest

from portal.e2.endpoints import ENDPOINTS
from portal.e2.errors import E2MalformedResponse
from portal.e2.types import Secret, StorageAccess, SubuserSettings, UsageDay

from .scripted_server import Answer

USER = {
    "email": "ann@example.com",
    "first_name": "Ann",
    "last_name": "Lee",
    "account_creation_timestamp": "2025-05-28T10:15:30Z",
    "invite_url": None,
    "is_signed_up": True,
    "is_active": True,
    "storage_used": 1536.0,
    "storage_quota": 100,
}
REGION = {
    "region_key": "NY",
    "region_name": "New York",
    "country": "US",
    "region_code": "us-east-1",
    "active": True,
    "hdd_storage": False,
    "cors": "*",
}


def sent(server, operation):
    return server.requests_to(ENDPOINTS[operation].path)[-1].json()


def test_create_user_encodes_the_password_and_never_notifies_by_default(server, client):
    server.answer(ENDPOINTS["create_user"].path, Answer(json={"user_created": True}))
    client.create_user("ann@example.com", "pässword", "Ann", quota_gb=0)
    body = sent(server, "create_user")
    assert base64.b64decode(body["password"]).decode() == "pässword"
    assert body == {
        "email": "ann@example.com",
        "password": body["password"],
        "first_name": "Ann",
        "quota": 0,
        "email_notification": False,
    }


def test_create_user_sends_the_last_name_when_given(server, client):
    server.answer(ENDPOINTS["create_user"].path, Answer(json={"user_created": True}))
    client.create_user("ann@example.com", "pw", "Ann", "Lee", quota_gb=5, email_notification=True)
    assert sent(server, "create_user")["last_name"] == "Lee"
    assert sent(server, "create_user")["email_notification"] is True


@pytest.mark.parametrize("body", [{"id": "r-1", "users": [USER]}, [USER]])
def test_list_users_accepts_an_object_or_a_bare_array(server, client, body):
    server.answer(ENDPOINTS["list_users"].path, Answer(json=body))
    users = client.list_users()
    assert len(users) == 1
    user = users.users[0]
    assert user.email == "ann@example.com"
    assert user.storage_used == 1536
    assert user.storage_quota == 100
    assert user.is_signed_up and user.is_active
    assert users.reseller_id == ("r-1" if isinstance(body, dict) else None)


@pytest.mark.parametrize("body", [[REGION], {"regions": [REGION]}])
def test_list_regions_accepts_a_bare_array_or_an_object(server, client, body):
    server.answer(ENDPOINTS["list_regions"].path, Answer(json=body))
    (region,) = client.list_regions()
    assert region.region_key == "NY"
    assert region.active


def test_commands_post_the_email_and_check_the_success_flag(server, client):
    for operation, flag in [
        ("disable_user", "user_disabled"),
        ("enable_user", "user_enabled"),
        ("remove_user", "user_removed"),
    ]:
        server.answer(ENDPOINTS[operation].path, Answer(json={flag: True}))
        getattr(client, operation)("ann@example.com")
        assert sent(server, operation) == {"email": "ann@example.com"}


def test_a_command_answer_without_its_flag_is_malformed(server, client):
    server.answer(ENDPOINTS["disable_user"].path, Answer(json={"user_enabled": True}))
    with pytest.raises(E2MalformedResponse):
        client.disable_user("ann@example.com")


def test_usage_stats_sends_iso_dates_and_returns_days(server, client):
    server.answer(
        ENDPOINTS["usage_stats"].path,
        Answer(json=[{"date": "2025-05-01", "disk_used": 10.0, "uploads": 2, "downloads": 3.4}]),
    )
    days = client.usage_stats(
        "ann@example.com", datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)
    )
    assert sent(server, "usage_stats") == {
        "email": "ann@example.com",
        "date_from": "2025-05-01",
        "date_to": "2025-05-31",
    }
    assert days == [UsageDay(datetime.date(2025, 5, 1), 10, 2, 3)]


def test_dates_must_be_dates(client):
    with pytest.raises(TypeError):
        client.usage_stats("ann@example.com", "2025-05-01", datetime.date(2025, 5, 31))


def test_enable_user_region_returns_the_storage_dn(server, client):
    server.answer(
        ENDPOINTS["enable_user_region"].path,
        Answer(json={"storage_added": True, "storage_dn": "abcd.ny.example.com"}),
    )
    assert client.enable_user_region("ann@example.com", "NY") == "abcd.ny.example.com"
    assert sent(server, "enable_user_region") == {"email": "ann@example.com", "region": "NY"}


def test_list_user_regions_tolerates_missing_keys(server, client):
    server.answer(
        ENDPOINTS["list_user_regions"].path,
        Answer(json={"user_regions": [{"storage_dn": "abcd.ny.example.com"}]}),
    )
    (region,) = client.list_user_regions("ann@example.com")
    assert region.storage_dn == "abcd.ny.example.com"
    assert region.region_key is None


@pytest.mark.parametrize(
    ("cors", "expected"), [(["a.com", "b.org"], "a.com,b.org"), ("*", "*"), ("a.com", "a.com")]
)
def test_set_cors_accepts_a_list_or_star(server, client, cors, expected):
    server.answer(ENDPOINTS["set_cors"].path, Answer(json={"cors_updated": True}))
    client.set_cors("ann@example.com", "dn", cors)
    assert sent(server, "set_cors")["cors"] == expected


def test_create_access_key_sends_buckets_only_when_given(server, client):
    answer = Answer(json={"created": True, "data": {"access_key": "AK", "secret_key": "SK"}})
    server.answer(ENDPOINTS["create_access_key"].path, answer, answer)
    created = client.create_access_key("ann@example.com", "dn", "key", 0)
    assert "buckets" not in sent(server, "create_access_key")
    client.create_access_key("ann@example.com", "dn", "key", 1, buckets=["b1"])
    assert sent(server, "create_access_key")["buckets"] == ["b1"]
    assert created.access_key == "AK"
    assert created.secret_key == Secret("SK")


def test_create_access_key_rejects_unknown_permissions(client):
    with pytest.raises(ValueError):
        client.create_access_key("ann@example.com", "dn", "key", 7)


def test_list_access_keys_and_cnames_are_typed(server, client):
    server.answer(
        ENDPOINTS["list_access_keys"].path,
        Answer(
            json={
                "storage_dn": "dn",
                "access_keys": [
                    {
                        "key_id": "AK",
                        "name": "k",
                        "creation_date": "2025-05-01",
                        "description": "Read",
                    }
                ],
            }
        ),
    )
    server.answer(
        ENDPOINTS["list_cnames"].path,
        Answer(
            json={
                "cname_list": [
                    {
                        "file_index": 1,
                        "cname": "files.example.com",
                        "certificate_info": {
                            "subject": "CN=files.example.com",
                            "valid_to": "2026-01-01",
                        },
                        "creation_date": "2025-05-01",
                    }
                ]
            }
        ),
    )
    (key,) = client.list_access_keys("ann@example.com", "dn")
    assert key.key_id == "AK"
    (cname,) = client.list_cnames("ann@example.com", "dn")
    assert cname.file_index == "1"
    assert cname.certificate_info.subject == "CN=files.example.com"


def test_cname_operations_send_optional_fields_only_when_given(server, client):
    server.answer(ENDPOINTS["add_cname"].path, Answer(json={"cname_added": True}))
    server.answer(ENDPOINTS["update_cname"].path, Answer(json={"cname_updated": True}))
    server.answer(ENDPOINTS["remove_cname"].path, Answer(json={"cname_removed": True}))
    client.add_cname("ann@example.com", "dn", "files.example.com", "CERT", "KEY")
    assert set(sent(server, "add_cname")) == {
        "email",
        "storage_dn",
        "cname",
        "public_key",
        "private_key",
    }
    client.update_cname(
        "ann@example.com",
        "dn",
        "new.example.com",
        "CERT",
        "KEY",
        file_index="1",
        passphrase="pp",
        region_key="NY",
    )
    assert sent(server, "update_cname")["region_key"] == "NY"
    assert sent(server, "update_cname")["file_index"] == "1"
    client.remove_cname("ann@example.com", "dn", "new.example.com")
    assert sent(server, "remove_cname")["cname"] == "new.example.com"


def test_invite_subuser_sends_the_settings_and_returns_the_url(server, client):
    server.answer(
        ENDPOINTS["invite_subuser"].path,
        Answer(json={"result": "invite successful", "invite_url": "https://invite/1"}),
    )
    settings = SubuserSettings(
        "bob@example.com",
        permissions=0,
        idle_timeout=300,
        storage_access=(StorageAccess("dn", ("b1", "b2")),),
    )
    assert client.invite_subuser("ann@example.com", settings) == "https://invite/1"
    body = sent(server, "invite_subuser")
    assert body["admin_email"] == "ann@example.com"
    assert body["subuser_email"] == "bob@example.com"
    assert body["storage_access"] == [{"storage_dn": "dn", "buckets": ["b1", "b2"]}]
    assert "sso_login" not in body


def test_create_subuser_encodes_the_password(server, client):
    server.answer(ENDPOINTS["create_subuser"].path, Answer(json={"success": True}))
    client.create_subuser("ann@example.com", SubuserSettings("bob@example.com"), "Bob", "", "pw")
    body = sent(server, "create_subuser")
    assert base64.b64decode(body["password"]) == b"pw"
    assert "last_name" not in body


def test_update_subuser_sends_only_the_changes(server, client):
    server.answer(ENDPOINTS["update_subuser"].path, Answer(json={"success": True}))
    client.update_subuser("ann@example.com", "bob@example.com", is_admin=True)
    assert sent(server, "update_subuser") == {
        "admin_email": "ann@example.com",
        "subuser_email": "bob@example.com",
        "is_admin": True,
        "expire_subuser_sessions": False,
    }


def test_update_subuser_needs_a_change(client):
    with pytest.raises(ValueError):
        client.update_subuser("ann@example.com", "bob@example.com")


def test_subuser_commands_never_notify_by_default(server, client):
    for operation in ("disable_subuser", "enable_subuser", "remove_subuser"):
        server.answer(ENDPOINTS[operation].path, Answer(json={"success": True}))
        getattr(client, operation)("ann@example.com", "bob@example.com")
        assert sent(server, operation) == {
            "admin_email": "ann@example.com",
            "subuser_email": "bob@example.com",
            "email_notification": False,
        }


def test_list_subusers_is_typed(server, client):
    server.answer(
        ENDPOINTS["list_subusers"].path,
        Answer(
            json={
                "users": [
                    {
                        "email": "bob@example.com",
                        "first_name": "Bob",
                        "storage_access": [{"storage_dn": "dn", "buckets": ["b1"]}],
                        "signed_up": False,
                        "permissions": 2,
                        "is_admin": False,
                        "invite_url": "https://invite/1",
                    }
                ]
            }
        ),
    )
    (subuser,) = client.list_subusers("ann@example.com")
    assert subuser.signed_up is False
    assert subuser.storage_access == (StorageAccess("dn", ("b1",)),)
    assert subuser.is_active is None
