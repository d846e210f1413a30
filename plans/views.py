"""Routine pages. Every routine view filters by owner, so another user's routine is a 404.

The editing views serve plain forms and htmx alike: after a change, a full
request is redirected back to the editor, an htmx request gets the editor
fragment (`routine_edit.html#editor`) to swap in place.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import client_ip
from core.limits import within_limit
from core.pages import public_page
from core.structured_data import collection_page, web_page
from exercises.models import Exercise, library_vocabulary
from plans import builder, services
from plans.balance import check_balance
from plans.exports import download_response, plan_download_response
from plans.forms import (
    AddExerciseForm,
    ItemForm,
    MoveForm,
    PickerForm,
    PlanBuilderForm,
    RoutineForm,
    SessionForm,
    ShareForm,
)
from plans.models import Routine, RoutineItem, RoutineShare, Session
from plans.selectors import builder_library
from plans.structured_data import exercise_plan

PICKER_RESULTS = 30


def owned_routine(request, pk) -> Routine:
    return get_object_or_404(Routine.objects.owned_by(request.user), pk=pk)


def owned_session(request, pk, session_pk) -> Session:
    return get_object_or_404(Session, pk=session_pk, routine=owned_routine(request, pk))


def owned_item(request, pk, item_pk) -> RoutineItem:
    return get_object_or_404(
        RoutineItem.objects.select_related("exercise", "session"),
        pk=item_pk,
        session__routine=owned_routine(request, pk),
    )


def with_contents(routine: Routine) -> Routine:
    return Routine.objects.with_contents().select_related("owner").get(pk=routine.pk)


def editor_context(routine, *, item_forms=None, session_forms=None, routine_form=None):
    routine = with_contents(routine)
    unit = routine.owner.weight_unit
    item_forms, session_forms = item_forms or {}, session_forms or {}
    sessions = [
        {
            "session": session,
            "form": session_forms.get(session.pk) or SessionForm(instance=session),
            "picker": PickerForm(auto_id=f"id_picker-{session.pk}_%s"),
            "items": [
                {
                    "item": item,
                    "form": item_forms.get(item.pk) or ItemForm(instance=item, unit=unit),
                }
                for item in session.items.all()
            ],
        }
        for session in routine.sessions.all()
    ]
    return {
        "routine": routine,
        "sessions": sessions,
        "balance": check_balance(routine),
        "routine_form": routine_form or RoutineForm(instance=routine),
        "moves": [(services.UP, "up"), (services.DOWN, "down")],
    }


def after_change(request, routine, **forms):
    """The editor again: in place for htmx, by redirect for a plain form post."""
    if request.htmx:
        return render(request, "plans/routine_edit.html#editor", editor_context(routine, **forms))
    if forms:
        return render(request, "plans/routine_edit.html", editor_context(routine, **forms))
    return redirect(reverse("plans:routine-edit", args=[routine.pk]))


def report(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def saved(request, form) -> bool:
    """Save a valid form through the service; a refusal (the row went meanwhile) is said."""
    try:
        services.save_changes(form=form)
    except ValidationError as error:
        report(request, error)
        return False
    return True


@login_required
@require_GET
def routine_list(request):
    routines = Routine.objects.owned_by(request.user)
    return render(request, "plans/routine_list.html", {"routines": routines})


@login_required
@require_http_methods(["GET", "POST"])
def routine_create(request):
    form = RoutineForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            routine = services.create_routine(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Created “{routine.name}”. Now add some exercises.")
            return redirect("plans:routine-edit", pk=routine.pk)
    return render(request, "plans/routine_form.html", {"form": form})


def routine_page(request, routine, **context):
    """A routine or starter template, fetched `with_contents()`, with its balance check."""
    return render(
        request,
        "plans/routine_detail.html",
        {"routine": routine, "balance": check_balance(routine), **context},
    )


@login_required
@require_GET
def routine_detail(request, pk):
    routine = with_contents(owned_routine(request, pk))
    return routine_page(
        request,
        routine,
        share=RoutineShare.objects.filter(routine=routine).first(),
        share_form=ShareForm(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def routine_edit(request, pk):
    routine = owned_routine(request, pk)
    if request.method == "POST":
        form = RoutineForm(request.POST, instance=routine)
        if not form.is_valid():
            return after_change(request, routine, routine_form=form)
        if saved(request, form):
            messages.success(request, "Routine details saved.")
        return after_change(request, routine)
    return render(request, "plans/routine_edit.html", editor_context(routine))


@login_required
@require_http_methods(["GET", "POST"])
def routine_delete(request, pk):
    routine = owned_routine(request, pk)
    if request.method == "POST":
        services.delete_routine(routine=routine)
        messages.success(request, f"Deleted “{routine.name}”.")
        return redirect("plans:routine-list")
    return render(request, "plans/routine_confirm_delete.html", {"routine": routine})


@login_required
@require_POST
def routine_duplicate(request, pk):
    routine = owned_routine(request, pk)
    try:
        copy = services.copy_routine(
            source=routine, owner=request.user, name=f"Copy of {routine.name}"[:100]
        )
    except ValidationError as error:
        report(request, error)
        return redirect("plans:routine-list")
    messages.success(request, f"Made “{copy.name}”.")
    return redirect("plans:routine-edit", pk=copy.pk)


@login_required
@require_GET
@cache_control(private=True, no_store=True)  # a file of one member's data: never kept
def routine_download(request, pk, extension):
    return download_response(owned_routine(request, pk), extension, unit=request.user.weight_unit)


@login_required
@require_POST
def session_add(request, pk):
    routine = owned_routine(request, pk)
    try:
        session = services.add_session(routine=routine)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"Added {session.name}.")
    return after_change(request, routine)


@login_required
@require_POST
def session_update(request, pk, session_pk):
    session = owned_session(request, pk, session_pk)
    form = SessionForm(request.POST, instance=session)
    if not form.is_valid():
        return after_change(request, session.routine, session_forms={session.pk: form})
    if saved(request, form):
        messages.success(request, f"Saved {session.name}.")
    return after_change(request, session.routine)


@login_required
@require_POST
def session_delete(request, pk, session_pk):
    session = owned_session(request, pk, session_pk)
    services.remove(obj=session)
    messages.success(request, f"Removed {session.name}.")
    return after_change(request, session.routine)


@login_required
@require_POST
def session_move(request, pk, session_pk):
    session = owned_session(request, pk, session_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move(obj=session, direction=form.cleaned_data["direction"])
        messages.success(request, f"Moved {session.name} {form.cleaned_data['direction']}.")
    return after_change(request, session.routine)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, pk, session_pk):
    """The exercise picker: search the library (GET), add the chosen exercise (POST)."""
    session = owned_session(request, pk, session_pk)
    if request.method == "POST":
        exercise = Exercise.objects.filter(pk=_int_or_none(request.POST.get("exercise"))).first()
        if exercise is None:
            messages.error(request, "That exercise is not in the library. Pick one from the list.")
        else:
            try:
                services.add_item(session=session, exercise=exercise)
            except ValidationError as error:
                report(request, error)
            else:
                messages.success(request, f"Added {exercise.name} to {session.name}.")
                return after_change(request, session.routine)
        if request.htmx:
            return after_change(request, session.routine)
    picker = PickerForm(request.GET or None)
    query = picker.cleaned_data["q"] if picker.is_valid() else ""
    results = Exercise.objects.filtered(query=query).for_list()[:PICKER_RESULTS]
    context = {
        "routine": session.routine,
        "session": session,
        "picker_form": picker,
        "results": results,
    }
    template = "plans/item_picker.html#results" if request.htmx else "plans/item_picker.html"
    return render(request, template, context)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def item_update(request, pk, item_pk):
    item = owned_item(request, pk, item_pk)
    form = ItemForm(request.POST, instance=item, unit=request.user.weight_unit)
    if not form.is_valid():
        return after_change(request, item.session.routine, item_forms={item.pk: form})
    if saved(request, form):
        messages.success(request, f"Saved {item.exercise.name}: {item.dose}.")
    return after_change(request, item.session.routine)


@login_required
@require_POST
def item_delete(request, pk, item_pk):
    item = owned_item(request, pk, item_pk)
    services.remove(obj=item)
    messages.success(request, f"Removed {item.exercise.name}.")
    return after_change(request, item.session.routine)


@login_required
@require_POST
def item_move(request, pk, item_pk):
    item = owned_item(request, pk, item_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move(obj=item, direction=form.cleaned_data["direction"])
        messages.success(request, f"Moved {item.exercise.name} {form.cleaned_data['direction']}.")
    return after_change(request, item.session.routine)


@login_required
@require_http_methods(["GET", "POST"])
def add_from_library(request, slug):
    """ "Add to my routine" on an exercise page: pick one of your sessions, or start a routine."""
    exercise = get_object_or_404(Exercise, slug=slug)
    form = AddExerciseForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        try:
            if "new_routine" in request.POST:
                routine = services.create_routine(owner=request.user, name="My routine")
                session = routine.sessions.get()
            elif form.is_valid():
                session = form.cleaned_data["session"]
            else:
                session = None
            if session is not None:
                services.add_item(session=session, exercise=exercise)
                messages.success(request, f"Added {exercise.name} to {session.name}.")
                return redirect("plans:routine-edit", pk=session.routine_id)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "plans/add_from_library.html", {"exercise": exercise, "form": form})


@public_page
@require_GET
def template_list(request):
    templates = Routine.objects.templates().order_by("pk")
    context = {
        "templates": templates,
        "structured_data": collection_page(
            name="Starter templates",
            description="Strength routines for runners, ready to copy and change.",
            path=request.path,
            items=templates,
        ),
    }
    return render(request, "plans/template_list.html", context)


@public_page
@require_GET
def template_detail(request, slug):
    template = get_object_or_404(Routine.objects.templates().with_contents(), slug=slug)
    return routine_page(
        request,
        template,
        structured_data=exercise_plan(template, url=template.get_absolute_url()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_copy(request, slug):
    """GET asks to confirm (where the log-in sends you back to); POST makes the copy."""
    template = get_object_or_404(Routine.objects.templates(), slug=slug)
    if request.method == "POST":
        try:
            copy = services.copy_routine(source=template, owner=request.user)
        except ValidationError as error:
            report(request, error)
            return redirect(template.get_absolute_url())
        messages.success(request, f"Saved a copy of “{template.name}” to your routines.")
        return redirect("plans:routine-edit", pk=copy.pk)
    return render(request, "plans/template_copy.html", {"template": template})


@require_GET
def template_download(request, slug, extension):
    return download_response(get_object_or_404(Routine.objects.templates(), slug=slug), extension)


@public_page
@require_GET
def plan_method(request):
    """How the plan is built: the coaching rules in plain words, and their sources."""
    return render(
        request,
        "plans/plan_method.html",
        {"structured_data": web_page(name="How the plan is built", path=request.path)},
    )


def builder_form(data):
    return PlanBuilderForm(
        data, equipment_choices=library_vocabulary()["equipment"], today=timezone.localdate()
    )


@require_GET
def plan_builder(request):
    """The questions, and once they are answered, the plan: open to everyone."""
    form = builder_form(request.GET or None)
    plan = None
    if form.is_bound and form.is_valid():
        plan = builder.build_plan(form.cleaned_data["plan_request"], builder_library())
    return render(
        request,
        "plans/plan_builder.html",
        {
            "structured_data": web_page(
                name="Build a strength plan around your running", path=request.path
            ),
            "form": form,
            "plan": plan,
            "query": request.GET.urlencode(),
            "answers": [
                (name, value)
                for name, values in request.GET.lists()
                if name in form.fields
                for value in values
            ],
        },
    )


PLAN_DOWNLOADS_PER_IP_PER_MINUTE = 10


@require_GET
def plan_download(request):
    """Open to everyone, so limited per client: each new set of answers is a PDF to lay out."""
    if not within_limit(f"plan-pdf:{client_ip(request)}", PLAN_DOWNLOADS_PER_IP_PER_MINUTE, 60):
        return render(request, "429.html", status=429)
    form = builder_form(request.GET)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    return plan_download_response(form.cleaned_data["plan_request"])


@login_required
@require_POST
def plan_save(request):
    """Build the plan again from the answers (the same answers give the same plan) and save it."""
    form = builder_form(request.POST)
    if not form.is_valid():
        return render(request, "plans/plan_builder.html", {"form": form, "plan": None})
    plan = builder.build_plan(form.cleaned_data["plan_request"], builder_library())
    try:
        routine = services.save_plan(plan=plan, owner=request.user)
    except ValidationError as error:
        report(request, error)
        return redirect(reverse("plans:builder") + "?" + request.POST.urlencode())
    messages.success(request, f"Saved “{routine.name}” to your routines.")
    return redirect(routine.get_absolute_url())
