from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.http import site_url
from core.pages import public_page
from core.structured_data import collection_page
from exercises import search
from exercises.figures.raster import preview_png
from exercises.forms import ExerciseFilterForm
from exercises.models import Exercise, ExerciseFigure, FocusArea, Problem, library_vocabulary
from exercises.structured_data import how_to

PAGE_SIZE = 100
# A figure's URL names its version, so a browser or proxy may keep it for good; one asked
# for without it (or with an old one) is kept for an hour.
FIGURE_MAX_AGE, UNVERSIONED_FIGURE_MAX_AGE = 365 * 24 * 3600, 3600


@public_page(query_params=[*ExerciseFilterForm.base_fields, "page"])
def exercise_list(request):
    """The library; as-you-type search (htmx) gets only the results part of the page."""
    form = ExerciseFilterForm(request.GET or None, vocabulary=library_vocabulary())
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    searched = search.parse(filters.pop("query"))
    exercises = Exercise.objects.filtered(**filters, query=searched)
    page = Paginator(exercises.for_list(searched=bool(searched)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if searched:
        search.explain(page.object_list, searched)
    query = request.GET.copy()
    query.pop("page", None)
    pattern = pattern_page(form)
    canonical = f"{request.path}?pattern={pattern[0]}" if pattern else request.path
    title = f"{pattern[1]} exercises for runners" if pattern else "Exercise library"
    context = {
        "canonical_url": site_url(canonical),
        "page_title": title,
        "structured_data": collection_page(
            name=title,
            description="Strength exercises and warm-up drills for runners.",
            path=canonical,
            items=page.object_list,
        ),
        "form": form,
        "page": page,
        "search": searched,
        "suggestions": search.suggestions(searched, Exercise.objects.only("slug", "name"))
        if searched and not page.paginator.count
        else [],
        "query_without_page": query.urlencode(),
    }
    template = "exercises/exercise_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def pattern_page(form) -> tuple[str, str] | None:
    """(slug, name) when the library shows one movement pattern's page (`?pattern=squat`):
    one known pattern is the only filter. Search, other filters, the page number and
    parameters the form does not know never make an address of their own (the canonical
    link and the sitemap, exercises.sitemaps, follow this)."""
    filters = form.filters()
    patterns = filters.pop("patterns")
    if len(patterns) == 1 and not any(filters.values()):
        return patterns[0], dict(form.fields["pattern"].choices)[patterns[0]]
    return None


@public_page
def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.for_detail(), slug=slug)
    easier, harder = exercise.variations()
    return render(
        request,
        "exercises/exercise_detail.html",
        {
            "structured_data": how_to(exercise),
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
    context = {
        "focus": focus,
        "page": page,
        "structured_data": collection_page(
            name=f"{focus.name} exercises for runners",
            description=focus.intro,
            path=focus.get_absolute_url(),
            items=page.object_list,
        ),
    }
    return render(request, "exercises/focusarea_detail.html", context)


@public_page
def problem_list(request):
    problems = Problem.objects.all()
    context = {
        "problems": problems,
        "structured_data": collection_page(
            name="Exercises by problem",
            description="Common running complaints and the strength exercises used for them.",
            path=request.path,
            items=problems,
        ),
    }
    return render(request, "exercises/problem_list.html", context)


@public_page
def problem_detail(request, slug):
    problem = get_object_or_404(Problem, slug=slug)
    steps = problem.steps()
    context = {
        "problem": problem,
        "steps": steps,
        "problems": Problem.objects.all(),
        "structured_data": collection_page(
            name=f"{problem.name}: strength exercises for runners",
            description=problem.summary,
            path=problem.get_absolute_url(),
            items=[step.exercise for step in steps],
        ),
    }
    return render(request, "exercises/problem_detail.html", context)


@require_safe
def figure_svg(request, slug, position=None):
    """The exercise's figure as SVG: animated, or one position (1-based) still."""
    figure = get_object_or_404(
        ExerciseFigure.objects.select_related("exercise"), exercise__slug=slug
    )
    if position is not None and not 1 <= position <= len(figure.drawing.pose.frames):
        raise Http404("No such position.")
    response = HttpResponse(
        figure.drawing.svg(None if position is None else position - 1),
        content_type="image/svg+xml",
    )
    return figure_cache_headers(request, figure, response)


@require_safe
def figure_preview(request, slug):
    """The link-preview picture (og:image): the figure's card position as a PNG."""
    figure = get_object_or_404(
        ExerciseFigure.objects.select_related("exercise"), exercise__slug=slug
    )
    png = preview_png(figure.drawing, figure.card_frame)
    return figure_cache_headers(request, figure, HttpResponse(png, content_type="image/png"))


def figure_cache_headers(request, figure, response):
    """A versioned figure URL is kept for good; an unversioned one for an hour."""
    if request.GET.get("v") == figure.version:
        patch_cache_control(response, public=True, max_age=FIGURE_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=UNVERSIONED_FIGURE_MAX_AGE)
    return response
