"""Pages offer each staff member only the actions their role allows: the same rule the
views enforce (``CHANGE_ROLES``, ``OWNER_ROLES``), asked by the templates."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADD_CUSTOMER = reverse("customers:create")
SETTINGS = reverse("reseller:api")


@pytest.mark.parametrize(
    ("who", "may_change", "may_administer"),
    [("owner", True, True), ("admin", True, False), ("support", False, False)],
)
def test_the_customer_list_shows_the_actions_of_the_role(
    client, request, who, may_change, may_administer
):
    client.force_login(request.getfixturevalue(who))

    page = client.get(reverse("customers:list")).content.decode()

    assert (f'href="{ADD_CUSTOMER}"' in page) is may_change
    assert (f'href="{SETTINGS}"' in page) is may_administer
    assert (client.get(ADD_CUSTOMER).status_code == 200) is may_change
    assert (client.get(SETTINGS).status_code == 200) is may_administer
