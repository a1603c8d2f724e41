"""Role checks for reseller staff views, applied on the server for every request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from portal.accounts.models import User

READ_ROLES = (User.Role.OWNER, User.Role.ADMIN, User.Role.SUPPORT)
CHANGE_ROLES = (User.Role.OWNER, User.Role.ADMIN)
OWNER_ROLES = (User.Role.OWNER,)


def has_role(user, roles) -> bool:
    """Whether ``user`` is logged-in, active reseller staff with one of ``roles``."""
    return user.is_authenticated and user.is_reseller_staff and user.role in roles


def staff_roles(request) -> dict:
    """Template context processor: what the logged-in staff member may do, by the same rule
    as ``staff_required``, so a template never compares role names itself. The values are
    callables, which templates call only where a page asks."""

    def may(roles):
        user = getattr(request, "user", None)
        return user is not None and has_role(user, roles)

    return {
        "may_change": lambda: may(CHANGE_ROLES),
        "may_administer": lambda: may(OWNER_ROLES),
    }


def staff_required(roles=READ_ROLES):
    """Let through logged-in, active reseller staff whose role is one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
