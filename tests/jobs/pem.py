"""Certificates and keys made on the spot for tests, with `cryptography`."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def new_key():
    return ec.generate_private_key(ec.SECP256R1())


def key_pem(key, passphrase: str = "") -> str:
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    ).decode()


def certificate_pem(certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def make_certificate(
    names=("cdn.example.com",),
    *,
    key=None,
    issuer_key=None,
    issuer_name=None,
    valid_days=90,
    starts_days_ago=1,
    is_ca=False,
):
    """A certificate for `names`, self-signed unless an issuer key and name are given."""
    key = key or new_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name or subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=starts_days_ago))
        .not_valid_after(
            now - datetime.timedelta(days=starts_days_ago) + datetime.timedelta(days=valid_days)
        )
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    if not is_ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False
        )
    return builder.sign(issuer_key or key, hashes.SHA256()), key


def certificate_and_key(domain="cdn.example.com", **options) -> tuple[str, str]:
    """A self-signed certificate for `domain` and its key, both as PEM text."""
    certificate, key = make_certificate((domain,), **options)
    return certificate_pem(certificate), key_pem(key)


def chained_certificate_and_key(domain="cdn.example.com") -> tuple[str, str, str]:
    """(leaf PEM, CA PEM, leaf key PEM): a leaf issued by a throwaway CA."""
    ca_certificate, ca_key = make_certificate(("Test CA",), is_ca=True, valid_days=365)
    leaf, leaf_key = make_certificate(
        (domain,), issuer_key=ca_key, issuer_name=ca_certificate.subject
    )
    return certificate_pem(leaf), certificate_pem(ca_certificate), key_pem(leaf_key)
