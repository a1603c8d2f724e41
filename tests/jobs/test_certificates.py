"""The certificate checks the form and the job share."""

import pytest

from portal.jobs.certificates import CertificateProblem, check_certificate
from tests.fixtures.pem import (
    certificate_and_key,
    certificate_pem,
    chained_certificate_and_key,
    key_pem,
    make_certificate,
    new_key,
)


def test_a_matching_certificate_and_key_pass_with_a_summary():
    certificate, key = certificate_and_key("cdn.example.com")

    summary = check_certificate("cdn.example.com", certificate, key)

    assert summary.names == ("cdn.example.com",)
    assert summary.subject == "CN=cdn.example.com"


def test_a_wildcard_covers_exactly_one_label():
    certificate, key = make_certificate(("*.example.com",))
    pem, key_text = certificate_pem(certificate), key_pem(key)

    check_certificate("cdn.example.com", pem, key_text)
    with pytest.raises(CertificateProblem, match="does not cover"):
        check_certificate("a.cdn.example.com", pem, key_text)


def test_a_certificate_for_another_domain_is_refused():
    certificate, key = certificate_and_key("other.example.com")

    with pytest.raises(CertificateProblem, match=r"does not cover cdn\.example\.com"):
        check_certificate("cdn.example.com", certificate, key)


def test_a_key_of_another_certificate_is_refused():
    certificate, _key = certificate_and_key()

    with pytest.raises(CertificateProblem, match="does not belong"):
        check_certificate("cdn.example.com", certificate, key_pem(new_key()))


def test_an_expired_certificate_is_refused():
    certificate, key = certificate_and_key(starts_days_ago=100, valid_days=90)

    with pytest.raises(CertificateProblem, match="expired"):
        check_certificate("cdn.example.com", certificate, key)


def test_a_certificate_about_to_expire_is_refused():
    certificate, key = certificate_and_key(starts_days_ago=85, valid_days=88)

    with pytest.raises(CertificateProblem, match="expires in less than 7 days"):
        check_certificate("cdn.example.com", certificate, key)


def test_a_certificate_not_valid_yet_is_refused():
    certificate, key = certificate_and_key(starts_days_ago=-2)

    with pytest.raises(CertificateProblem, match="not valid yet"):
        check_certificate("cdn.example.com", certificate, key)


def test_an_encrypted_key_needs_its_passphrase():
    certificate, key = make_certificate()
    encrypted = key_pem(key, passphrase="open sesame")
    pem = certificate_pem(certificate)

    with pytest.raises(CertificateProblem, match="encrypted: give its passphrase"):
        check_certificate("cdn.example.com", pem, encrypted)
    with pytest.raises(CertificateProblem, match="check the passphrase"):
        check_certificate("cdn.example.com", pem, encrypted, "wrong")
    check_certificate("cdn.example.com", pem, encrypted, "open sesame")


def test_a_chain_in_order_passes_and_out_of_order_is_refused():
    leaf, ca, key = chained_certificate_and_key()

    check_certificate("cdn.example.com", leaf + ca, key)
    with pytest.raises(CertificateProblem, match="out of order"):
        check_certificate("cdn.example.com", ca + leaf, key)


@pytest.mark.parametrize(
    ("certificate", "key", "message"),
    [
        ("not a certificate", "-----BEGIN PRIVATE KEY-----", "PEM format"),
        (
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "x",
            "could not be read",
        ),
    ],
)
def test_text_that_is_not_pem_is_refused(certificate, key, message):
    with pytest.raises(CertificateProblem, match=message):
        check_certificate("cdn.example.com", certificate, key)


def test_a_key_that_is_not_pem_is_refused():
    certificate, _key = certificate_and_key()

    with pytest.raises(CertificateProblem, match="PEM format"):
        check_certificate("cdn.example.com", certificate, "garbage")
