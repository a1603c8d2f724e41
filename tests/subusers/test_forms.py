import pytest

from portal.e2.limits import PERMISSION_READ, PERMISSION_READ_WRITE
from portal.e2.types import StorageAccess
from portal.storage.models import Region, Storage
from portal.subusers.forms import (
    InvitationAcceptForm,
    SubuserCreateForm,
    SubuserInviteForm,
    SubuserUpdateForm,
)
from portal.subusers.models import Subuser, SubuserInvitation
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "violet-kettle-harbour-42"


@pytest.fixture
def customer():
    customer = CustomerFactory(email="olive@client.example")
    chicago = Region.objects.create(key="CH", name="Chicago", country="US", code="us-ch")
    Storage.objects.create(customer=customer, region=chicago, storage_dn="ab12.ch.example.com")
    return customer


@pytest.fixture
def chicago_field(customer):
    return f"buckets_{customer.storages.get().pk}"


def invite_data(**values):
    return {
        "email": "sam@client.example",
        "permissions": str(PERMISSION_READ_WRITE),
        "idle_timeout_minutes": "15",
        "concurrent_sessions": "on",
        **values,
    }


def test_a_valid_invitation_becomes_settings_in_seconds(customer, chicago_field):
    form = SubuserInviteForm(
        invite_data(**{chicago_field: "reports, invoices,reports"}), customer=customer
    )

    assert form.is_valid(), form.errors
    settings = form.subuser_settings()
    assert settings.subuser_email == "sam@client.example"
    assert settings.idle_timeout == 900
    assert settings.concurrent_sessions is True
    assert settings.disable_delete_object is False
    assert settings.storage_access == (
        StorageAccess("ab12.ch.example.com", ("reports", "invoices")),
    )


def test_empty_bucket_lists_mean_every_bucket(customer):
    form = SubuserInviteForm(invite_data(), customer=customer)

    assert form.is_valid(), form.errors
    assert form.subuser_settings().storage_access is None
    assert form.fields["disable_delete_object"].label == "Prevent deleting objects"
    assert [field.label for field in form.bucket_fields] == ["Buckets in Chicago"]


@pytest.mark.parametrize(
    "buckets",
    ["ab", "Reports", "my..bucket", "-reports", "192.168.1.1", "xn--bucket", "data-s3alias"],
)
def test_bucket_names_follow_the_s3_rules(customer, chicago_field, buckets):
    form = SubuserInviteForm(invite_data(**{chicago_field: buckets}), customer=customer)

    assert not form.is_valid()
    assert chicago_field in form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("email", "a" * 250 + "@x.example"),
        ("email", "olive@client.example"),
        ("permissions", "3"),
        ("idle_timeout_minutes", "0"),
        ("idle_timeout_minutes", "61"),
    ],
)
def test_values_e2_would_refuse_are_refused(customer, field, value):
    form = SubuserInviteForm(invite_data(**{field: value}), customer=customer)

    assert not form.is_valid()
    assert field in form.errors


def test_an_existing_team_member_cannot_be_invited_again(customer):
    Subuser.objects.create(
        customer=customer, email="sam@client.example", synced_at="2025-01-01T00:00Z"
    )

    form = SubuserInviteForm(invite_data(email="Sam@client.example"), customer=customer)

    assert form.errors["email"] == [
        "This person is already a team member or has a pending invitation."
    ]


def test_regions_of_other_customers_are_not_offered(customer):
    other = CustomerFactory()
    region = Region.objects.create(key="IE", name="Ireland", country="IE", code="eu-ie")
    Storage.objects.create(customer=other, region=region, storage_dn="zz99.ie.example.com")

    form = SubuserInviteForm(customer=customer)

    assert [field.label for field in form.bucket_fields] == ["Buckets in Chicago"]


def create_data(**values):
    person = {
        "first_name": "Lee",
        "last_name": "Park",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }
    return invite_data(**{**person, **values})


def test_a_direct_create_needs_a_good_password_typed_twice(customer):
    assert SubuserCreateForm(create_data(), customer=customer).is_valid()

    mismatch = SubuserCreateForm(
        create_data(password_confirm="other" + PASSWORD), customer=customer
    )
    short = SubuserCreateForm(
        create_data(password="short", password_confirm="short"), customer=customer
    )
    assert "password_confirm" in mismatch.errors
    assert "password" in short.errors


def test_the_password_fits_the_apis_100_base64_characters(customer):
    fits = "Qx7!" * 18 + "abc"  # 75 characters: 100 once base64-encoded
    too_long = fits + "d"
    non_ascii = "é" * 38  # 38 characters, 76 bytes

    def form(password):
        data = create_data(password=password, password_confirm=password)
        return SubuserCreateForm(data, customer=customer)

    assert form(fits).is_valid()
    assert "at most 75 characters" in str(form(too_long).errors["password"])
    assert "password" in form(non_ascii).errors


def test_the_password_may_not_resemble_the_persons_name(customer):
    form = SubuserCreateForm(
        create_data(
            email="bartholomew@client.example",
            first_name="Bartholomew",
            password="Bartholomew1",
            password_confirm="Bartholomew1",
        ),
        customer=customer,
    )

    assert "password" in form.errors


def test_the_update_form_holds_only_the_changed_settings(customer, chicago_field):
    subuser = Subuser.objects.create(
        customer=customer,
        email="lee@client.example",
        idle_timeout=300,
        permissions=PERMISSION_READ_WRITE,
        storage_access=[{"storage_dn": "ab12.ch.example.com", "buckets": ["reports"]}],
        synced_at="2025-01-01T00:00Z",
    )
    unchanged = SubuserUpdateForm(customer=customer, subuser=subuser).initial
    data = {
        **{key: value for key, value in unchanged.items() if value not in (False, None)},
        "permissions": str(PERMISSION_READ),
        chicago_field: "reports, archive",
    }

    form = SubuserUpdateForm(data, customer=customer, subuser=subuser)

    assert form.is_valid(), form.errors
    assert form.changes() == {
        "permissions": PERMISSION_READ,
        "storage_access": [StorageAccess("ab12.ch.example.com", ("reports", "archive"))],
    }
    assert not SubuserUpdateForm(
        {key: value for key, value in unchanged.items() if value not in (False, None)},
        customer=customer,
        subuser=subuser,
    ).is_valid()


def test_the_accept_form_checks_the_password_against_the_invited_email(customer):
    invitation = SubuserInvitation(customer=customer, email="bartholomew@client.example")
    data = {"first_name": "B", "password": "bartholomew@c", "password_confirm": "bartholomew@c"}

    assert "password" in InvitationAcceptForm(data, invitation=invitation).errors
    good = {"first_name": "B", "password": PASSWORD, "password_confirm": PASSWORD}
    assert InvitationAcceptForm(good, invitation=invitation).is_valid()
