"""Checks of a TLS certificate and private key for a custom domain, before anything is queued.

The form runs them so the reseller hears about a problem at once; the job runs them again
before it sends the key, since a certificate can expire while a job waits. Every problem is a
``CertificateProblem`` whose message is a sentence for the reseller.
"""

import datetime
import itertools
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtensionOID, NameOID

from portal.errors import PortalRefusal

# A certificate this close to its end is refused: it would expire before anyone noticed.
MINIMUM_REMAINING_VALIDITY = datetime.timedelta(days=7)


class CertificateProblem(PortalRefusal):
    """The certificate or key cannot serve the domain; the message says why, in plain words."""


@dataclass(frozen=True)
class CertificateSummary:
    """What the portal keeps about a checked certificate (never the key)."""

    subject: str
    issuer: str
    serial: str
    names: tuple[str, ...]
    valid_from: datetime.datetime
    valid_to: datetime.datetime


def check_certificate(
    domain: str,
    certificate_pem: str,
    private_key_pem: str,
    passphrase: str = "",
    *,
    now: datetime.datetime | None = None,
) -> CertificateSummary:
    """Check that the PEM certificate (leaf first, then its chain) and key serve ``domain``.

    Checks, in order: the certificates parse, the chain is in order, the key opens (with its
    passphrase when encrypted) and matches the certificate, the certificate covers the domain,
    and it is valid now and for at least ``MINIMUM_REMAINING_VALIDITY`` more.
    """
    now = now or datetime.datetime.now(datetime.UTC)
    chain = load_certificates(certificate_pem)
    leaf = chain[0]
    _check_chain_order(chain)
    private_key = load_private_key(private_key_pem, passphrase)
    if _public_key_der(private_key.public_key()) != _public_key_der(leaf.public_key()):
        raise CertificateProblem("The private key does not belong to this certificate.")
    names = certificate_names(leaf)
    if not any(name_covers(name, domain) for name in names):
        covered = ", ".join(names) or "no names"
        raise CertificateProblem(f"The certificate does not cover {domain} (it covers {covered}).")
    if now < leaf.not_valid_before_utc:
        raise CertificateProblem("The certificate is not valid yet.")
    if now >= leaf.not_valid_after_utc:
        raise CertificateProblem("The certificate has expired.")
    if now + MINIMUM_REMAINING_VALIDITY > leaf.not_valid_after_utc:
        raise CertificateProblem(
            "The certificate expires in less than "
            f"{MINIMUM_REMAINING_VALIDITY.days} days. Renew it first."
        )
    return summarise(leaf)


def summarise(certificate: x509.Certificate) -> CertificateSummary:
    return CertificateSummary(
        subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        serial=format(certificate.serial_number, "X"),
        names=tuple(certificate_names(certificate)),
        valid_from=certificate.not_valid_before_utc,
        valid_to=certificate.not_valid_after_utc,
    )


def load_certificates(pem_text: str) -> list[x509.Certificate]:
    """The certificates of a PEM text, in the order given."""
    if "-----BEGIN CERTIFICATE-----" not in pem_text:
        raise CertificateProblem("Paste the certificate in PEM format (BEGIN CERTIFICATE).")
    try:
        return x509.load_pem_x509_certificates(pem_text.encode())
    except ValueError as error:
        raise CertificateProblem("The certificate could not be read as PEM.") from error


def load_private_key(pem_text: str, passphrase: str = ""):
    """The private key of a PEM text, opened with ``passphrase`` when it is encrypted."""
    if "PRIVATE KEY-----" not in pem_text:
        raise CertificateProblem("Paste the private key in PEM format (BEGIN PRIVATE KEY).")
    data = pem_text.encode()
    password = passphrase.encode() if passphrase else None
    try:
        return serialization.load_pem_private_key(data, password=password)
    except TypeError as error:
        if password is None:
            raise CertificateProblem(
                "The private key is encrypted: give its passphrase."
            ) from error
        # A passphrase given with an unencrypted key is harmless: the key opens without it.
        return _load_unencrypted_key(data)
    except (ValueError, UnsupportedAlgorithm) as error:
        if password is not None:
            raise CertificateProblem(
                "The private key could not be opened: check the passphrase."
            ) from error
        raise CertificateProblem("The private key could not be read.") from error


def _load_unencrypted_key(data: bytes):
    try:
        return serialization.load_pem_private_key(data, password=None)
    except (TypeError, ValueError, UnsupportedAlgorithm) as error:
        raise CertificateProblem("The private key could not be read.") from error


def _check_chain_order(chain: list[x509.Certificate]) -> None:
    """Each certificate must be issued by the one after it."""
    for position, (certificate, issuer) in enumerate(itertools.pairwise(chain)):
        try:
            certificate.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature) as error:
            raise CertificateProblem(
                "The certificate chain is out of order: certificate "
                f"{position + 1} is not issued by certificate {position + 2}. Put the "
                "domain's certificate first, then each issuer in turn."
            ) from error


def certificate_names(certificate: x509.Certificate) -> list[str]:
    """The DNS names of the subjectAltName, else the subject's common name."""
    try:
        extension = certificate.extensions.get_extension_for_oid(
            ExtensionOID.SUBJECT_ALTERNATIVE_NAME
        )
    except x509.ExtensionNotFound:
        common_names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return [str(attribute.value) for attribute in common_names]
    return list(extension.value.get_values_for_type(x509.DNSName))


def name_covers(pattern: str, hostname: str) -> bool:
    """True if a certificate name covers ``hostname``; ``*.x.com`` covers exactly one label."""
    pattern = pattern.lower().rstrip(".")
    hostname = hostname.lower().rstrip(".")
    if not pattern.startswith("*."):
        return pattern == hostname
    first_label, _, rest = hostname.partition(".")
    return bool(first_label) and rest == pattern[2:]


def _public_key_der(public_key) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
