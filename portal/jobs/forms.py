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


class CertificateFields(forms.Form):
    """The certificate, its key and the key's passphrase, checked together in ``clean``."""

    certificate = forms.CharField(
        label="Certificate (PEM)",
        max_length=limits.PUBLIC_KEY_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="The domain's certificate first, then each intermediate certificate.",
    )
    private_key = forms.CharField(
        label="Private key (PEM)",
        max_length=limits.PRIVATE_KEY_MAX,
        widget=SecretTextarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        strip=False,
        help_text="Stored encrypted only until the job ends; never shown again.",
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

    def clean(self):
        cleaned = super().clean()
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


class AttachDomainForm(CertificateFields):
    """Attach a custom domain to a storage."""

    cname = forms.CharField(label="Domain", max_length=255)

    field_order = ["cname", "certificate", "private_key", "passphrase"]

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
    field_order = ["new_cname", "certificate", "private_key", "passphrase"]

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
