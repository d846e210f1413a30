"""Read-only share links: the owner makes or revokes one; anyone with it sees the routine.

The shared page names the routine, its sessions and exercises, and nothing about the
owner; notes only when the owner ticked "include notes". It is kept out of search
engines (noindex) and out of shared caches (a revoked link must stop at once).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.adapter import continue_after_signup
from plans import services
from plans.forms import ShareForm
from plans.models import Routine, RoutineShare
from plans.views import owned_routine, report

NOINDEX = "noindex, nofollow"


@login_required
@require_POST
def routine_share(request, pk):
    """Make the link, or change whether it shows the notes."""
    routine = owned_routine(request, pk)
    form = ShareForm(request.POST)
    form.is_valid()  # one optional checkbox: always valid
    services.share_routine(routine=routine, include_notes=form.cleaned_data["include_notes"])
    messages.success(request, "Your share link is ready: anyone with it can see this routine.")
    return redirect("plans:routine-detail", pk=routine.pk)


@login_required
@require_POST
def routine_share_revoke(request, pk):
    routine = owned_routine(request, pk)
    services.revoke_share(routine=routine)
    messages.success(request, "The share link no longer works.")
    return redirect("plans:routine-detail", pk=routine.pk)


def shared(share_token) -> RoutineShare:
    return get_object_or_404(RoutineShare.objects.select_related("routine"), token=share_token)


@require_GET
@cache_control(private=True, no_cache=True)
def shared_routine(request, share_token):
    share = shared(share_token)
    routine = Routine.objects.for_calendar().get(pk=share.routine_id)
    response = render(request, "plans/shared_routine.html", {"share": share, "routine": routine})
    response["X-Robots-Tag"] = NOINDEX
    return response


@require_GET
def shared_signup(request, share_token):
    """ "Sign up to copy": sign-up, then (after the e-mail check and the first log-in) the
    copy page. A member who is already logged in goes straight there."""
    copy_url = reverse("plans:shared-copy", args=[shared(share_token).token])
    if request.user.is_authenticated:
        return redirect(copy_url)
    continue_after_signup(request, copy_url)
    return redirect(reverse("account_signup") + "?" + urlencode({"next": copy_url}))


@login_required
@require_http_methods(["GET", "POST"])
def shared_copy(request, share_token):
    """GET asks to confirm (where log-in and sign-up send you back to); POST copies."""
    share = shared(share_token)
    if request.method == "POST":
        try:
            copy = services.copy_shared(share=share, owner=request.user)
        except ValidationError as error:
            report(request, error)
            return redirect(share.get_absolute_url())
        messages.success(request, f"Saved a copy of “{copy.name}” to your routines.")
        return redirect("plans:routine-edit", pk=copy.pk)
    response = render(request, "plans/shared_copy.html", {"share": share})
    response["X-Robots-Tag"] = NOINDEX
    return response
