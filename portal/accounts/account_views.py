"""A staff member's own account: password, logged-in browsers, two-factor status."""

from django.contrib import messages
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from portal.accounts import services, two_factor
from portal.accounts.forms import PasswordConfirmForm
from portal.accounts.models import LoginSession
from portal.accounts.permissions import staff_required


def _overview(request, *, password_form=None, end_others_form=None, status=200):
    user = request.user
    context = {
        "password_form": password_form or PasswordChangeForm(user=user),
        "end_others_form": end_others_form or PasswordConfirmForm(user=user),
        "login_sessions": LoginSession.objects.filter(user=user),
        "current_session_key": request.session.session_key,
        "has_two_factor": two_factor.has_two_factor(user),
        "backup_codes_left": two_factor.remaining_backup_codes(user),
    }
    return render(request, "accounts/account.html", context, status=status)


@staff_required()
@require_safe
@never_cache
def overview(request):
    return _overview(request)


@staff_required()
@require_POST
def change_password(request):
    form = PasswordChangeForm(user=request.user, data=request.POST)
    if not form.is_valid():
        return _overview(request, password_form=form, status=400)
    ended = services.change_own_password(request, form)
    others = f" {ended} other session{'s' if ended != 1 else ''} were logged out." if ended else ""
    messages.success(request, f"Your password was changed.{others}")
    return redirect("account:overview")


@staff_required()
@require_POST
def end_session(request, pk):
    login_session = get_object_or_404(LoginSession, pk=pk, user=request.user)
    if login_session.session_key == request.session.session_key:
        messages.error(request, "That is this browser: use Log out instead.")
    else:
        services.end_own_session(request, login_session)
        messages.success(request, "That browser was logged out.")
    return redirect("account:overview")


@staff_required()
@require_POST
def end_other_sessions(request):
    form = PasswordConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        return _overview(request, end_others_form=form, status=400)
    ended = services.end_other_sessions(request)
    messages.success(request, f"{ended} other session{'s' if ended != 1 else ''} logged out.")
    return redirect("account:overview")
