"""Real verification of the certificate and key a CNAME is added with, using `cryptography`.

The chain of trust is not checked (the sandbox has no CA bundle and self-signed certificates
are what tests generate); everything else the vendor checks is: the PEM parses, the key opens
(with its passphrase if encrypted), the key matches the certificate, the certificate's names
cover the CNAME and it is valid today.
"""

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtensionOID, NameOID

from .state import format_timestamp


class CertificateRejected(Exception):
    """The certificate or key does not serve the CNAME; the message says why (for logs)."""


def verify_certificate(cname, public_key_pem, private_key_pem, passphrase, now):
    """Check a certificate (optionally followed by its chain) and key for `cname`.

    Returns the `certificate_info` to list; raises CertificateRejected otherwise.
    """
    certificate = _load_leaf_certificate(public_key_pem)
    private_key = _load_private_key(private_key_pem, passphrase)
    if _public_key_der(private_key.public_key()) != _public_key_der(certificate.public_key()):
        raise CertificateRejected("the private key does not match the certificate")
    names = certificate_names(certificate)
    if not any(name_covers(name, cname) for name in names):
        raise CertificateRejected(f"the certificate does not cover {cname}")
    if now < certificate.not_valid_before_utc:
        raise CertificateRejected("the certificate is not valid yet")
    if now > certificate.not_valid_after_utc:
        raise CertificateRejected("the certificate has expired")
    return certificate_info(certificate)


def certificate_info(certificate):
    """What the CNAME list reports about a certificate."""
    return {
        "subject": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "valid_from": format_timestamp(certificate.not_valid_before_utc),
        "valid_to": format_timestamp(certificate.not_valid_after_utc),
        "serial": format(certificate.serial_number, "X"),
        "names": certificate_names(certificate),
    }


def certificate_names(certificate):
    """The DNS names of the subjectAltName, else the subject's common name."""
    try:
        extension = certificate.extensions.get_extension_for_oid(
            ExtensionOID.SUBJECT_ALTERNATIVE_NAME
        )
    except x509.ExtensionNotFound:
        common_names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return [str(attribute.value) for attribute in common_names]
    return list(extension.value.get_values_for_type(x509.DNSName))


def name_covers(pattern, hostname):
    """True if a certificate name covers `hostname`; `*.x.com` covers exactly one label."""
    pattern = pattern.lower().rstrip(".")
    hostname = hostname.lower().rstrip(".")
    if not pattern.startswith("*."):
        return pattern == hostname
    first_label, _, rest = hostname.partition(".")
    return bool(first_label) and rest == pattern[2:]


def _load_leaf_certificate(pem_text):
    try:
        certificates = x509.load_pem_x509_certificates(pem_text.encode())
    except ValueError as error:
        raise CertificateRejected(f"the certificate is not PEM: {error}") from error
    return certificates[0]


def _load_private_key(pem_text, passphrase):
    data = pem_text.encode()
    password = passphrase.encode() if passphrase else None
    try:
        return serialization.load_pem_private_key(data, password=password)
    except TypeError as error:
        if password is None:
            raise CertificateRejected("the private key is encrypted") from error
        # A passphrase sent with an unencrypted key is harmless: use the key as it is.
        return _load_unencrypted_key(data)
    except (ValueError, UnsupportedAlgorithm) as error:
        raise CertificateRejected("the private key cannot be read") from error


def _load_unencrypted_key(data):
    try:
        return serialization.load_pem_private_key(data, password=None)
    except (TypeError, ValueError, UnsupportedAlgorithm) as error:
        raise CertificateRejected("the private key cannot be read") from error


def _public_key_der(public_key):
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
