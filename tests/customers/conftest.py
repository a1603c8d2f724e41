from tests.fixtures.consoles import customer, customer_browser, staff_browser  # noqa: F401  (fixtures)
from tests.fixtures.staff import admin, owner, support  # noqa: F401  (fixtures)
