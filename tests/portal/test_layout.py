"""The layout a newcomer relies on: which package holds which console, and what the domain
apps never hold. Each rule is read from the code itself, so a view added in the wrong place
fails here."""

import ast
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]

# Where a view may live: one package per console, and the few pages every host serves.
CONSOLE_PACKAGES = ("portal.staff.", "portal.console.views.")
HOST_INDEPENDENT_MODULES = ("portal.health", "portal.error_pages", "portal.brand_assets")
# The ops admin: Django admin on the portal's own site class, with each app's admin.py.
ADMIN_PREFIX = "admin/"

DOMAIN_APPS = [
    "portal/accounts",
    "portal/audit",
    "portal/customers",
    "portal/e2",
    "portal/jobs",
    "portal/reseller",
    "portal/storage",
    "portal/subusers",
    "portal/usage",
    "branding",
]
# Request-scoped glue that is not a view: middleware and admin anywhere; the role decorator
# and context processor, and the session bookkeeping that logging in and out needs.
REQUEST_GLUE_NAMES = {"middleware.py", "admin.py"}
REQUEST_GLUE_FILES = {
    "portal/accounts/permissions.py",
    "portal/accounts/sessions.py",
    "portal/accounts/services.py",
}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def view_module(callback) -> str:
    view = getattr(callback, "view_class", None) or callback
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return view.__module__


def python_files(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts and "sandbox" not in path.parts:
            yield path


def test_every_view_lives_in_a_console_package_or_a_named_host_independent_module():
    misplaced = []
    for route, callback in walk(get_resolver().url_patterns):
        module = view_module(callback)
        allowed = (
            module.startswith(CONSOLE_PACKAGES)
            or module in HOST_INDEPENDENT_MODULES
            or route.startswith(ADMIN_PREFIX)
        )
        if not allowed:
            misplaced.append(f"{route} -> {module}")
    assert misplaced == []


def test_the_url_map_reaches_both_consoles():
    modules = {view_module(callback) for _, callback in walk(get_resolver().url_patterns)}
    assert any(module.startswith("portal.staff.") for module in modules)
    assert any(module.startswith("portal.console.views.") for module in modules)


def test_no_domain_app_defines_a_view():
    offenders = []
    for app in DOMAIN_APPS:
        for path in python_files(app):
            relative = str(path.relative_to(ROOT))
            if path.name in REQUEST_GLUE_NAMES or relative in REQUEST_GLUE_FILES:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                if is_function and node.args.args and node.args.args[0].arg == "request":
                    offenders.append(f"{relative}:{node.lineno} {node.name}")
    assert offenders == []


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_view_talks_to_the_e2_client_itself():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("portal/staff", "portal/console/views")
        for path in python_files(package)
        if "portal.e2.client" in imported_modules(path)
    ]
    assert offenders == []


def test_only_the_sandbox_command_imports_the_sandbox():
    """The sandbox is a separate application that lives beside the contract it implements;
    the portal itself never runs it."""
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("portal", "branding")
        for path in python_files(package)
        if any(name.startswith("portal.e2.sandbox") for name in imported_modules(path))
        and path.name != "e2sandbox.py"
    ]
    assert offenders == []


def test_the_sandbox_imports_nothing_of_the_portal_but_the_api_limits():
    used = set()
    for path in (ROOT / "portal/e2/sandbox").rglob("*.py"):
        used |= {name for name in imported_modules(path) if name.startswith(("portal", "branding"))}
    assert used <= {"portal.e2", "portal.e2.limits"}


def test_templates_ask_the_role_rule_instead_of_comparing_role_names():
    comparison = re.compile(r"\.role\s*(==|!=|in)\s")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if comparison.search(path.read_text())
    ]
    assert offenders == []


def test_no_celery_task_shares_its_name_with_a_service_function():
    """A task is a thin wrapper; its service has another name, so the two are never mixed up
    (``run_cname_job`` calls ``advance_cname_job``)."""
    tasks, functions = set(), set()
    for path in python_files("portal"):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            decorators = {ast.unparse(decorator).split("(")[0] for decorator in node.decorator_list}
            if "shared_task" in decorators:
                tasks.add(node.name)
            else:
                functions.add(node.name)
    assert tasks, "no Celery task found"
    assert tasks & functions == set()
