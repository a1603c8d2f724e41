"""Role checks for reseller staff views, applied on the server for every request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from portal.accounts.models import User

READ_ROLES = (User.Role.OWNER, User.Role.ADMIN, User.Role.SUPPORT)
CHANGE_ROLES = (User.Role.OWNER, User.Role.ADMIN)
OWNER_ROLES = (User.Role.OWNER,)


def staff_required(roles=READ_ROLES):
    """Let through logged-in, active reseller staff whose role is one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_reseller_staff or user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
