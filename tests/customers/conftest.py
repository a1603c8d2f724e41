from tests.fixtures.staff import admin, owner, support  # noqa: F401  (fixtures)
