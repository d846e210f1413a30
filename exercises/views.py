from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from core.pages import public_page
from exercises.forms import ExerciseFilterForm
from exercises.models import Exercise, FocusArea, library_vocabulary

PAGE_SIZE = 100


@public_page(query_params=[*ExerciseFilterForm.base_fields, "page"])
def exercise_list(request):
    form = ExerciseFilterForm(request.GET or None, vocabulary=library_vocabulary())
    if form.is_bound:
        form.is_valid()
    exercises = Exercise.objects.filtered(**form.filters()).for_list()
    page = Paginator(exercises, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "exercises/exercise_list.html",
        {"form": form, "page": page, "query_without_page": query.urlencode()},
    )


@public_page
def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.for_detail(), slug=slug)
    easier, harder = exercise.variations()
    return render(
        request,
        "exercises/exercise_detail.html",
        {
            "exercise": exercise,
            "easier": easier,
            "harder": harder,
            "related": exercise.related(),
        },
    )


@public_page(query_params=["page"])
def focus_detail(request, slug):
    focus = get_object_or_404(FocusArea, slug=slug)
    exercises = Exercise.objects.filtered(focus=[slug]).for_list()
    page = Paginator(exercises, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "exercises/focusarea_detail.html", {"focus": focus, "page": page})
