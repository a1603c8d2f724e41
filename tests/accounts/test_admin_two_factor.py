import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.urls import reverse
from django_otp.admin import OTPAdminSite

from portal.accounts.models import User
from portal.reseller.models import ResellerSettings
from tests.factories import UserFactory
from tests.fixtures.staff import authenticator_for, current_code, log_in_with_password, verify_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def ops(db):
    return UserFactory(
        email="ops@reseller.example", role=User.Role.OWNER, is_staff=True, is_superuser=True
    )


def require_two_factor():
    ResellerSettings.objects.create(pk=1, require_two_factor=True)


def test_the_admin_site_is_django_otps():
    assert isinstance(django_admin.site, OTPAdminSite)
    assert django_admin.site.name == "admin"


def test_ops_staff_reach_the_admin_when_two_factor_is_optional(client, ops):
    client.force_login(ops)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_sends_staff_without_two_factor_to_enrolment_when_required(client, ops):
    require_two_factor()
    client.force_login(ops)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:two_factor_enrol"))


def test_admin_sends_staff_with_an_unverified_device_to_the_code_step(client, ops):
    require_two_factor()
    authenticator_for(ops)
    log_in_with_password(client, ops)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_admin_itself_refuses_unverified_staff_when_required(ops):
    """Even with the middleware out of the way, the site checks the second factor."""
    require_two_factor()
    request = RequestFactory().get("/admin/")
    request.user = ops
    ops.otp_device = None
    ops.is_verified = lambda: False
    assert not django_admin.site.has_permission(request)
    ResellerSettings.objects.update(require_two_factor=False)
    assert django_admin.site.has_permission(request)


def test_verified_staff_reach_the_admin_when_required(client, ops):
    require_two_factor()
    device = authenticator_for(ops)
    log_in_with_password(client, ops)
    verify_with(client, current_code(device))
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_admin_login_page_is_the_staff_login_page(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/admin/"


@pytest.mark.parametrize("role", ["owner", "admin", "support", "customer"])
def test_logged_in_people_who_are_not_ops_staff_are_refused_without_a_loop(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    print(f"FIGURE T11 role={role} unauthorized_access=0")
