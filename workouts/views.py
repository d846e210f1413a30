"""The log. Every view filters by owner, so another runner's workout is a 404.

Logging a set serves htmx and plain forms alike: htmx gets the set's fragment
(`workout_detail.html#slot`) back, a plain post is redirected to the workout page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from exercises.models import Exercise
from plans.models import Session as RoutineSession
from workouts import services
from workouts.forms import FinishForm, LogSetForm
from workouts.history import chart_for, rows_for
from workouts.models import LoggedSet, Workout, WorkoutExercise

PAGE_SIZE = 20


def owned_workout(request, pk, queryset=Workout.objects) -> Workout:
    return get_object_or_404(queryset.owned_by(request.user), pk=pk)


def slot_context(workout, entry, number, side, logged, *, unit, form=None):
    return {
        "workout": workout,
        "entry": entry,
        "number": number,
        "side": side,
        "logged": logged,
        "form": form
        or LogSetForm.for_slot(entry=entry, number=number, side=side, logged=logged, unit=unit),
    }


def workout_context(request, workout, *, bound=None, finish_form=None):
    """The workout with a form for every planned set; `bound` is (entry pk, number, side,
    form) for a set whose post did not validate."""
    unit = request.user.weight_unit
    exercises = []
    for entry in workout.exercises.all():
        slots = []
        for number, side, logged in entry.slots():
            form = bound[3] if bound and bound[:3] == (entry.pk, number, side) else None
            slots.append(slot_context(workout, entry, number, side, logged, unit=unit, form=form))
        exercises.append({"entry": entry, "slots": slots})
    return {
        "workout": workout,
        "exercises": exercises,
        "finish_form": finish_form or FinishForm(instance=workout),
    }


@login_required
@require_GET
def workout_list(request):
    services.close_left_open(owner=request.user)
    workouts = Workout.objects.owned_by(request.user).for_list()
    page = Paginator(workouts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workouts/workout_list.html", {"page": page})


@login_required
@require_POST
def workout_start(request, session_pk):
    session = get_object_or_404(
        RoutineSession.objects.select_related("routine"),
        pk=session_pk,
        routine__owner=request.user,
        routine__is_template=False,
    )
    workout = services.start_workout(owner=request.user, routine_session=session)
    return redirect(workout)


@login_required
@require_GET
def workout_detail(request, workout_pk):
    workout = owned_workout(request, workout_pk, Workout.objects.for_page())
    return render(request, "workouts/workout_detail.html", workout_context(request, workout))


@login_required
@require_POST
def log_set(request, workout_pk, entry_pk):
    entry = get_object_or_404(
        WorkoutExercise.objects.select_related("workout", "exercise"),
        pk=entry_pk,
        workout__pk=workout_pk,
        workout__owner=request.user,
    )
    workout = entry.workout
    form = LogSetForm(request.POST, entry=entry, unit=request.user.weight_unit)
    valid = form.is_valid()
    if form.errors.keys() & {"set_id", "number", "side"}:  # not a set this page offers
        return render(request, "400.html", status=400)
    number, side = form.cleaned_data["number"], form.cleaned_data["side"]
    logged = None
    if valid:
        try:
            logged, _created = services.log_set(workout_exercise=entry, **form.set_values())
        except ValidationError as error:
            form.add_error(None, error)
    if request.htmx:
        context = slot_context(
            workout,
            entry,
            number,
            side,
            logged,
            unit=request.user.weight_unit,
            form=None if logged else form,
        )
        context["just_logged"] = logged is not None
        return render(request, "workouts/workout_detail.html#slot", context)
    if logged is None:
        workout = owned_workout(request, workout_pk, Workout.objects.for_page())
        context = workout_context(request, workout, bound=(entry.pk, number, side, form))
        return render(request, "workouts/workout_detail.html", context, status=400)
    messages.success(request, f"Logged {entry.exercise.name}, set {number}.")
    return redirect(f"{workout.get_absolute_url()}#set-{entry.pk}-{number}-{side or 'both'}")


@login_required
@require_POST
def workout_finish(request, workout_pk):
    workout = owned_workout(request, workout_pk)
    form = FinishForm(request.POST, instance=workout)
    if not form.is_valid():
        workout = owned_workout(request, workout_pk, Workout.objects.for_page())
        context = workout_context(request, workout, finish_form=form)
        return render(request, "workouts/workout_detail.html", context, status=400)
    services.finish_workout(
        workout=workout, feeling=form.cleaned_data["feeling"], note=form.cleaned_data["note"]
    )
    messages.success(request, "Workout saved. Well done.")
    return redirect("workouts:workout-list")


@login_required
@require_GET
def exercise_history(request, slug):
    """Every workout with this exercise: a table of the best sets and a chart of them."""
    exercise = get_object_or_404(Exercise, slug=slug)
    entries = (
        WorkoutExercise.objects.filter(workout__owner=request.user, exercise=exercise)
        .filter(Exists(LoggedSet.objects.filter(workout_exercise=OuterRef("pk"))))
        .select_related("workout")
        .prefetch_related("logged_sets")
        .order_by("-workout__started", "-pk")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.object_list:
        raise Http404("You have not logged this exercise yet.")
    measure, rows = rows_for(list(page.object_list), request.user.weight_unit)
    context = {
        "exercise": exercise,
        "page": page,
        "rows": rows,
        "measure": measure,
        "chart": chart_for(measure, rows),
    }
    return render(request, "workouts/exercise_history.html", context)
