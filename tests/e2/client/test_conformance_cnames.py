"""Custom domains (CNAMEs) against the live sandbox, with real certificates."""

import pytest

from portal.e2.errors import AccountNonExistant, RequestProcessingFailed, UserDisabled

from .certificates import self_signed

ANN = "ann@example.com"
DOMAIN = "files.example.com"


@pytest.fixture
def storage_dn(sandbox_client):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=100)
    return sandbox_client.enable_user_region(ANN, "NY")


@pytest.fixture
def with_cname(sandbox_client, storage_dn):
    certificate, key = self_signed(DOMAIN)
    sandbox_client.add_cname(ANN, storage_dn, DOMAIN, certificate, key)
    return storage_dn


def test_add_and_list_a_cname(sandbox_client, with_cname):
    (cname,) = sandbox_client.list_cnames(ANN, with_cname)
    assert cname.cname == DOMAIN
    assert cname.file_index
    assert cname.creation_date
    assert cname.certificate_info.subject == f"CN={DOMAIN}"
    assert cname.certificate_info.valid_to
    assert cname.certificate_info.serial


def test_add_with_an_encrypted_key_and_its_passphrase(sandbox_client, storage_dn):
    certificate, key = self_signed(DOMAIN, passphrase="open sesame")
    sandbox_client.add_cname(
        ANN, storage_dn, DOMAIN, certificate, key, file_index="7", passphrase="open sesame"
    )
    assert sandbox_client.list_cnames(ANN, storage_dn)[0].file_index == "7"


def test_update_a_cname(sandbox_client, with_cname):
    certificate, key = self_signed("media.example.com")
    sandbox_client.update_cname(
        ANN, with_cname, "media.example.com", certificate, key, region_key="NY"
    )
    assert [cname.cname for cname in sandbox_client.list_cnames(ANN, with_cname)] == [
        "media.example.com"
    ]


def test_remove_a_cname(sandbox_client, with_cname):
    sandbox_client.remove_cname(ANN, with_cname, DOMAIN)
    assert sandbox_client.list_cnames(ANN, with_cname) == []


def test_a_cname_already_configured_is_refused_with_its_message(sandbox_client, with_cname):
    certificate, key = self_signed(DOMAIN)
    with pytest.raises(RequestProcessingFailed) as raised:
        sandbox_client.add_cname(ANN, with_cname, DOMAIN, certificate, key)
    assert raised.value.status == 403
    assert raised.value.message == "CNAME already configure"
    assert not raised.value.is_transient


def test_a_certificate_for_another_name_is_refused(sandbox_client, storage_dn):
    certificate, key = self_signed("other.example.com")
    with pytest.raises(RequestProcessingFailed) as raised:
        sandbox_client.add_cname(ANN, storage_dn, DOMAIN, certificate, key)
    assert "certificates" in raised.value.message


def test_a_key_that_does_not_match_is_refused_on_update(sandbox_client, with_cname):
    certificate, _ = self_signed("media.example.com")
    _, other_key = self_signed("media.example.com")
    with pytest.raises(RequestProcessingFailed):
        sandbox_client.update_cname(ANN, with_cname, "media.example.com", certificate, other_key)


def test_a_provider_domain_cannot_be_a_cname(sandbox_client, storage_dn):
    certificate, key = self_signed("x.idrivee2.com")
    with pytest.raises(RequestProcessingFailed) as raised:
        sandbox_client.add_cname(ANN, storage_dn, "x.idrivee2.com", certificate, key)
    assert "cannot be used" in raised.value.message


def test_an_unknown_storage_is_refused(sandbox_client, storage_dn):
    certificate, key = self_signed(DOMAIN)
    with pytest.raises(RequestProcessingFailed):
        sandbox_client.add_cname(ANN, "nope.example.com", DOMAIN, certificate, key)
    with pytest.raises(RequestProcessingFailed):
        sandbox_client.list_cnames(ANN, "nope.example.com")


def test_removing_an_unknown_cname_is_refused(sandbox_client, storage_dn):
    with pytest.raises(RequestProcessingFailed) as raised:
        sandbox_client.remove_cname(ANN, storage_dn, "ghost.example.com")
    assert raised.value.message == "cannot get cname details"


def test_cnames_of_a_disabled_user(sandbox_client, with_cname):
    sandbox_client.disable_user(ANN)
    with pytest.raises(UserDisabled):
        sandbox_client.list_cnames(ANN, with_cname)
    with pytest.raises(UserDisabled):
        sandbox_client.remove_cname(ANN, with_cname, DOMAIN)


def test_cnames_of_an_unknown_account(sandbox_client):
    certificate, key = self_signed(DOMAIN)
    with pytest.raises(AccountNonExistant):
        sandbox_client.add_cname("nobody@example.com", "dn.example.com", DOMAIN, certificate, key)
    with pytest.raises(AccountNonExistant):
        sandbox_client.list_cnames("nobody@example.com", "dn.example.com")
