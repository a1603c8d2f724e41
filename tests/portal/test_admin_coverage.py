"""Ops staff reach every model of the portal in Django admin, and never a secret's value."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from portal.encryption import EncryptedTextField

pytestmark = pytest.mark.django_db
PROJECT_APPS = {
    "accounts",
    "audit",
    "customers",
    "storage",
    "subusers",
    "jobs",
    "usage",
    "reseller",
    "console",
    "branding",
    "e2",
}


def project_models():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


def test_every_model_of_the_portal_is_in_the_admin():
    missing = [m._meta.label for m in project_models() if not admin.site.is_registered(m)]
    print(f"FIGURE admin_models={len(project_models())} missing={len(missing)}")
    assert missing == []


def test_every_admin_list_page_opens_for_a_superuser(client, admin_user):
    client.force_login(admin_user)
    for model in project_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_encrypted_fields_are_never_shown_decrypted_in_the_admin(client, admin_user):
    from portal.e2.models import ApiCredential

    credential = ApiCredential.objects.create(token="ops-must-not-see-this")
    client.force_login(admin_user)
    for url in (
        reverse("admin:e2_apicredential_changelist"),
        reverse("admin:e2_apicredential_change", args=[credential.pk]),
    ):
        response = client.get(url)
        assert b"ops-must-not-see-this" not in response.content
    encrypted = [
        f"{m._meta.label}.{f.name}"
        for m in project_models()
        for f in m._meta.fields
        if isinstance(f, EncryptedTextField)
    ]
    assert encrypted  # the check above is about real fields
