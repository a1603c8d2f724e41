"""Forms that attach, replace and detach a custom domain.

Everything the API would refuse is checked here, before a job is queued: the API's limits,
the shape of the domain, and the certificate itself (see ``certificates.py``).
"""

import re

from django import forms

from portal.e2 import limits
from portal.jobs.certificates import CertificateProblem, check_certificate
from portal.jobs.models import CustomDomain

HOSTNAME_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class SecretTextarea(forms.Textarea):
    """A textarea that never sends its value back to the browser (a private key)."""

    def format_value(self, value):
        return None


def clean_domain_name(value: str) -> str:
    """A lower-case host name, internationalised names in their ASCII form; refuses the
    storage provider's own domains."""
    name = value.strip().lower().rstrip(".")
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise forms.ValidationError("Enter a valid domain name.") from error
    if len(name) > limits.CNAME_MAX:
        raise forms.ValidationError(f"A domain has at most {limits.CNAME_MAX} characters.")
    labels = name.split(".")
    if len(labels) < 3 or not all(HOSTNAME_LABEL.match(label) for label in labels):
        raise forms.ValidationError(
            "Enter a full host name such as storage.example.com (not the bare domain)."
        )
    if limits.VENDOR_DOMAIN_PATTERN.search(name):
        raise forms.ValidationError("This domain cannot be used. Use a domain of your own.")
    return name


PEM_FILE_TYPES = ".pem,.crt,.cer,.key"


def read_pem_file(upload, *, what: str, max_chars: int) -> str:
    """The text of an uploaded PEM file (a certificate or a key), refused with a sentence when
    it is too large or not PEM text. Read in memory only; the content is never logged."""
    if upload.size > max_chars:
        raise forms.ValidationError(
            f"The {what} file is too large: a {what} has at most {max_chars:,} characters.",
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_chars + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.isascii() or "-----BEGIN " not in text:
        raise forms.ValidationError(
            f"The {what} file is not in PEM format (text that starts with -----BEGIN). "
            "Convert it to PEM, or paste its text instead.",
            code="not_pem",
        )
    return text


class CertificateFields(forms.Form):
    """The certificate, its key and the key's passphrase, checked together in ``clean``.

    The certificate and the key are each pasted or chosen as a PEM file (.pem, .crt, .cer,
    .key); a file is read into the same cleaned value as pasted text.
    """

    certificate = forms.CharField(
        label="Certificate (PEM)",
        max_length=limits.PUBLIC_KEY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="The domain's certificate first, then each intermediate certificate. "
        "Paste it, or choose its file below.",
    )
    certificate_file = forms.FileField(
        label="Or the certificate file",
        required=False,
        widget=forms.FileInput(attrs={"accept": PEM_FILE_TYPES}),
        help_text="A PEM file: .pem, .crt or .cer.",
    )
    private_key = forms.CharField(
        label="Private key (PEM)",
        max_length=limits.PRIVATE_KEY_MAX,
        required=False,
        widget=SecretTextarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        strip=False,
        help_text="Stored encrypted only until the job ends; never shown again. Paste it, or "
        "choose its file below.",
    )
    private_key_file = forms.FileField(
        label="Or the private key file",
        required=False,
        widget=forms.FileInput(attrs={"accept": PEM_FILE_TYPES}),
        help_text="A PEM file: .key or .pem.",
    )
    passphrase = forms.CharField(
        label="Passphrase",
        max_length=limits.PASSPHRASE_MAX,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Only if the private key is encrypted.",
    )

    domain_field = "cname"
    # (text field, file field, what it is, the most characters it may have)
    PEM_FIELDS = (
        ("certificate", "certificate_file", "certificate", limits.PUBLIC_KEY_MAX),
        ("private_key", "private_key_file", "private key", limits.PRIVATE_KEY_MAX),
    )

    def clean(self):
        cleaned = super().clean()
        for text_field, file_field, what, max_chars in self.PEM_FIELDS:
            self._take_pem(cleaned, text_field, file_field, what, max_chars)
        domain = cleaned.get(self.domain_field)
        if domain and cleaned.get("certificate") and cleaned.get("private_key"):
            try:
                check_certificate(
                    domain,
                    cleaned["certificate"],
                    cleaned["private_key"],
                    cleaned.get("passphrase", ""),
                )
            except CertificateProblem as problem:
                raise forms.ValidationError(str(problem), code="certificate") from problem
        return cleaned

    def _take_pem(self, cleaned, text_field, file_field, what, max_chars) -> None:
        """Put the chosen file's text, or the pasted text, in ``cleaned[text_field]``."""
        if text_field in self.errors or file_field in self.errors:
            return
        upload = cleaned.get(file_field)
        pasted = cleaned.get(text_field) or ""
        if upload:
            try:
                text = read_pem_file(upload, what=what, max_chars=max_chars)
            except forms.ValidationError as error:
                self.add_error(file_field, error)
                return
            if pasted.strip() and pasted.strip() != text.strip():
                self.add_error(
                    text_field,
                    f"The pasted {what} and the chosen file differ. Keep only one of them.",
                )
                return
            cleaned[text_field] = text
        elif not pasted.strip():
            self.add_error(text_field, f"Paste the {what} or choose its file.")


class AttachDomainForm(CertificateFields):
    """Attach a custom domain to a storage."""

    cname = forms.CharField(label="Domain", max_length=255)

    field_order = [
        "cname",
        "certificate",
        "certificate_file",
        "private_key",
        "private_key_file",
        "passphrase",
    ]

    def __init__(self, *args, storage, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = storage

    def clean_cname(self):
        name = clean_domain_name(self.cleaned_data["cname"])
        if CustomDomain.objects.filter(cname=name).exists():
            raise forms.ValidationError("This domain is already attached to a storage.")
        return name


class ReplaceDomainForm(CertificateFields):
    """Replace an attached domain (and/or its certificate)."""

    new_cname = forms.CharField(label="Domain", max_length=255)

    domain_field = "new_cname"
    field_order = [
        "new_cname",
        "certificate",
        "certificate_file",
        "private_key",
        "private_key_file",
        "passphrase",
    ]

    def __init__(self, *args, domain: CustomDomain, **kwargs):
        kwargs.setdefault("initial", {"new_cname": domain.cname})
        super().__init__(*args, **kwargs)
        self.domain = domain

    def clean_new_cname(self):
        name = clean_domain_name(self.cleaned_data["new_cname"])
        taken = CustomDomain.objects.filter(cname=name).exclude(pk=self.domain.pk)
        if taken.exists():
            raise forms.ValidationError("This domain is already attached to a storage.")
        return name


class DetachDomainForm(forms.Form):
    """Confirm detaching a domain."""

    confirm = forms.BooleanField(
        label="Yes, detach this domain. Links that use it stop working.", required=True
    )
