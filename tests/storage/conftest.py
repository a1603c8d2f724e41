from tests.fixtures.consoles import customer, customer_browser, staff_browser  # noqa: F401  (fixtures)
