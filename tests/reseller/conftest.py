from tests.fixtures.staff import admin, customer_login, owner, owner_client, support  # noqa: F401
