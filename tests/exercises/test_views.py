import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.content import read_problems
from exercises.models import Exercise, FocusArea, Problem
from exercises.views import PAGE_SIZE
from plans.models import Routine
from tests.exercises.factories import ExerciseFactory, ExerciseVideoFactory, grow_library

pytestmark = pytest.mark.django_db

LIBRARY = reverse("exercises:list")


def names_on(response):
    """The exercise names the list shows, as a reader sees them."""
    found = re.findall(r'class="stretched-link" href="[^"]+">([^<]+)</a>', response.text)
    return {unescape(name) for name in found}


def test_library_lists_every_exercise_grouped_by_pattern(client):
    response = client.get(LIBRARY)
    assert response.status_code == 200
    assert names_on(response) == set(Exercise.objects.values_list("name", flat=True))
    html = response.text
    assert f"{Exercise.objects.count()} exercises</strong> in the library" in html
    assert html.index('id="pattern-squat"') < html.index('id="pattern-hinge"')


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"pattern": "lunge"}, {"Reverse lunge", "Step-up"}, {"Plank", "Goblet squat"}),
        ({"focus": "knee"}, {"Clamshell", "Glute bridge"}, {"Pull-up", "A-skip"}),
        ({"muscle": "soleus"}, {"Bent-knee calf raise"}, {"Push-up"}),
        ({"equipment": "bodyweight"}, {"Plank", "Glute bridge"}, {"Goblet squat", "Pull-up"}),
        ({"equipment": "kettlebell"}, {"Kettlebell swing"}, {"Plank"}),
        ({"level": "advanced"}, {"Pull-up"}, {"Glute bridge"}),
        ({"single_leg": "on"}, {"Single-leg deadlift", "Reverse lunge"}, {"Glute bridge"}),
    ],
)
def test_each_filter_alone(client, params, present, absent):
    shown = names_on(client.get(LIBRARY, params))
    assert present <= shown
    assert not absent & shown


def test_filters_combine_and_across_fields_or_within_one(client):
    knee_bodyweight = names_on(client.get(LIBRARY, {"focus": "knee", "equipment": "bodyweight"}))
    expected = set(
        Exercise.objects.filter(
            focus_areas__slug="knee", equipment__isnull=True, load_required=False
        ).values_list("name", flat=True)
    )
    assert knee_bodyweight == expected
    assert "Glute bridge" in knee_bodyweight
    assert "Goblet squat" not in knee_bodyweight

    either = names_on(client.get(LIBRARY, {"pattern": ["push", "pull"]}))
    assert {"Push-up", "Pull-up"} <= either
    assert either == set(
        Exercise.objects.filter(pattern__slug__in=["push", "pull"]).values_list("name", flat=True)
    )


def test_filtered_page_counts_and_offers_to_clear(client):
    response = client.get(LIBRARY, {"focus": "core", "level": "beginner"})
    count = len(names_on(response))
    assert (
        f"{count} exercise{'s' if count != 1 else ''}</strong> match your filters" in response.text
    )
    assert "Clear filters" in response.text


def test_unknown_filter_values_are_form_errors_not_500(client):
    response = client.get(
        LIBRARY, {"pattern": "levitation", "focus": "knee", "level": "expert", "page": "x"}
    )
    assert response.status_code == 200
    html = response.text
    assert "Select a valid choice. levitation is not one of the available choices." in html
    assert "Select a valid choice. expert is not one of the available choices." in html
    assert "Clamshell" in names_on(response), "the valid focus filter still applies"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("RDL", "Romanian deadlift"),
        ("rdl", "Romanian deadlift"),
        ("bridge", "Single-leg glute bridge"),
        ("soleus", "Bent-knee calf raise"),
        ("farmer's", "Farmer's carry"),
        ("single deadlift", "Single-leg deadlift"),
    ],
)
def test_search_covers_names_aliases_and_muscles(client, query, expected):
    shown = names_on(client.get(LIBRARY, {"q": query}))
    assert expected in shown, shown


def test_search_with_no_match_says_so_and_suggests(client):
    response = client.get(LIBRARY, {"q": "underwater basket weaving"})
    assert names_on(response) == set()
    assert "<strong>0 exercises</strong> for “underwater basket weaving”" in response.text
    assert "Did you mean" in response.text


def test_every_shipped_exercise_has_a_working_page(client):
    for slug in Exercise.objects.values_list("slug", flat=True):
        response = client.get(reverse("exercises:detail", args=[slug]))
        assert response.status_code == 200, slug


def test_exercise_page_shows_cues_variations_and_its_credited_video(client):
    exercise = Exercise.objects.get(slug="glute-bridge")
    html = client.get(exercise.get_absolute_url()).text
    for cue in exercise.cue_list:
        assert cue in unescape(html)
    assert "Why it matters for runners" in html
    assert "Single-leg glute bridge" in html, "a harder variation is linked"
    assert "Video: via Muscle &amp; Strength" in html
    assert "Not yet checked by our editors." in html
    assert 'href="https://www.youtube.com/watch?v=mm4wbmtDrUc"' in html
    assert "<iframe" not in html


def test_exercise_without_a_video_offers_a_youtube_search(client):
    exercise = Exercise.objects.get(slug="carioca")
    html = client.get(exercise.get_absolute_url()).text
    assert "We have not picked a form video for this exercise yet." in html
    assert "https://www.youtube.com/results?search_query=Carioca+exercise+form" in html
    assert "video-play" not in html


def test_unknown_exercise_is_404(client):
    response = client.get(reverse("exercises:detail", args=["moon-walk"]))
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_video_is_click_to_play_and_nothing_loads_from_the_host_before(client):
    video = ExerciseVideoFactory(url="https://youtu.be/dQw4w9WgXcQ", video_id="dQw4w9WgXcQ")
    html = client.get(video.exercise.get_absolute_url()).text
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?' in html
    # Until the deferred player script runs, or without it, play is a plain link to the video.
    assert '<a class="video-play" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert not re.search(r"<(img|script|link|iframe)[^>]+(youtube|ytimg|vimeo)", html)


@pytest.mark.parametrize("slug", ["knee", "leg", "hip", "glute", "core", "warmup"])
def test_focus_pages_introduce_and_list_their_section(client, slug):
    focus = FocusArea.objects.get(slug=slug)
    response = client.get(focus.get_absolute_url())
    assert response.status_code == 200
    assert focus.intro[:60] in response.text
    expected = set(focus.exercises.values_list("name", flat=True))
    assert names_on(response) == expected
    assert expected


def test_unknown_focus_is_404(client):
    assert client.get(reverse("exercises:focus", args=["elbow"])).status_code == 404


def test_home_and_navbar_link_into_the_library(client):
    html = client.get(reverse("core:home")).text
    assert f'href="{LIBRARY}"' in html
    assert 'href="/exercises/focus/knee/"' in html
    assert 'href="/exercises/?pattern=hinge"' in html


def test_admin_pages_load_for_staff(admin_client):
    exercise = Exercise.objects.get(slug="plank")
    template = Routine.objects.templates().first()
    for url in [
        reverse("admin:index"),
        reverse("admin:exercises_exercise_changelist"),
        reverse("admin:exercises_exercise_changelist") + "?q=bridge&pattern__id__exact=1",
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        reverse("admin:exercises_exercise_add"),
        reverse("admin:exercises_focusarea_changelist"),
        reverse("admin:exercises_muscle_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_add"),
        reverse("admin:plans_routine_changelist") + "?is_template__exact=1",
        reverse("admin:plans_routine_change", args=[template.pk]),
        reverse("admin:plans_session_change", args=[template.sessions.first().pk]),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert "Runner Strength administration" in admin_client.get(reverse("admin:index")).text


def test_a_new_exercise_appears_in_its_focus_and_filters(client):
    ExerciseFactory(name="Banded terminal knee extension", equipment=["resistance-band"])
    shown = names_on(client.get(LIBRARY, {"equipment": "resistance-band"}))
    assert "Banded terminal knee extension" in shown


def test_a_large_focus_section_is_shown_a_page_at_a_time(client):
    grow_library(PAGE_SIZE + 100)  # every generated exercise is a knee exercise
    url = reverse("exercises:focus", args=["knee"])
    knee = FocusArea.objects.get(slug="knee").exercises.count()
    first = client.get(url)
    assert len(names_on(first)) == PAGE_SIZE
    assert "Page 1 of 2" in first.text
    assert 'href="?page=2"' in first.text
    second = client.get(url, {"page": 2})
    assert len(names_on(second)) == knee - PAGE_SIZE
    assert 'href="?page=1"' in second.text


def test_the_library_page_fetches_no_text_a_card_does_not_show(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("exercises:list"))
    assert "Goblet squat" in page.text
    selects = [q["sql"] for q in queries if '"exercises_exercise"."name"' in q["sql"]]
    assert selects
    for column in ("cues", "mistakes", "why", "aliases"):
        assert all(f'"exercises_exercise"."{column}"' not in sql for sql in selects), column


def test_a_video_marked_gone_never_shows_and_the_search_link_returns(client):
    exercise = Exercise.objects.get(slug="glute-bridge")
    exercise.videos.filter(role="primary").update(availability="gone")
    html = client.get(exercise.get_absolute_url()).text
    assert "video-play" not in html
    assert "mm4wbmtDrUc" not in html
    assert "https://www.youtube.com/results?search_query=Glute+bridge+exercise+form" in html


def test_only_the_primary_shows_and_a_reviewed_one_without_the_caveat(client):
    exercise = Exercise.objects.get(slug="glute-bridge")
    exercise.videos.filter(role="primary").update(review="reviewed")
    html = client.get(exercise.get_absolute_url()).text
    assert html.count('class="video-play"') == 1
    assert "SnNlrFcXjVU" not in html, "alternatives stay in the admin"
    assert "Not yet checked by our editors." not in html


# --- Search as you type --------------------------------------------------------------------------


def test_library_form_updates_results_in_place_and_keeps_the_url_shareable(client):
    page = client.get(LIBRARY)
    assert 'data-hx-get="/exercises/"' in page.text
    assert 'data-hx-push-url="true"' in page.text
    assert 'data-hx-target="#library-results"' in page.text


def test_as_you_type_request_gets_only_the_results(client):
    response = client.get(LIBRARY, {"q": "glute bridges"}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert names_on(response) == {
        "Glute bridge",
        "Single-leg glute bridge",
        "Long-lever bridge hold",  # its other name: "Long-lever glute bridge"
    }
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_search_is_a_plain_page_of_ranked_results(client):
    response = client.get(LIBRARY, {"q": "glute bridges"})
    assert "<html" in response.text
    assert "3 exercises</strong> for “glute bridges”, best match first" in response.text


# --- Browse by problem ---------------------------------------------------------------------------


def test_problem_list_links_every_problem_page(client):
    page = client.get(reverse("exercises:problem-list"))
    for problem in Problem.objects.all():
        assert f'href="{problem.get_absolute_url()}"' in page.text


def test_problem_pages_link_only_exercises_that_exist_each_with_a_dose(client):
    for problem in Problem.objects.all():
        page = client.get(problem.get_absolute_url())
        assert page.status_code == 200
        steps = list(problem.steps())
        assert steps, problem.slug
        for step in steps:
            link = f'<a href="{step.exercise.get_absolute_url()}">{step.exercise.name}</a>'
            assert f"{link}: <strong>{step.dose}</strong>" in unescape(page.text)
            assert client.get(step.exercise.get_absolute_url()).status_code == 200
        listed = page.text.split('class="problem-steps"')[1].split("</ol>")[0]
        linked = re.findall(r'<a href="/exercises/([a-z0-9-]+)/">', listed)
        assert linked == [step.exercise.slug for step in steps]


def test_problem_page_names_red_flags_and_its_sources(client):
    page = client.get(reverse("exercises:problem", args=["achilles-pain"]))
    assert "See a physiotherapist or doctor" in page.text
    assert "not a diagnosis" in page.text
    assert "Silbernagel KG" in page.text
    assert "Martin RL, Chimenti R" in page.text


def test_every_shipped_problem_is_loaded_with_all_its_exercises():
    for entry in read_problems():
        problem = Problem.objects.get(slug=entry["slug"])
        assert [step.exercise.slug for step in problem.steps()] == [
            step["slug"] for step in entry["exercise"]
        ]


def test_unknown_problem_is_404(client):
    assert client.get(reverse("exercises:problem", args=["no-such-thing"])).status_code == 404


def test_library_filters_by_problem(client):
    response = client.get(LIBRARY, {"problem": "heel-pain"})
    heel = Problem.objects.get(slug="heel-pain")
    assert names_on(response) == {step.exercise.name for step in heel.steps()}


def test_library_focus_pages_and_footer_link_to_the_problems(client):
    problems = f'href="{reverse("exercises:problem-list")}"'
    assert client.get(LIBRARY).text.count(problems) >= 2  # the page and the footer
    assert problems in client.get(reverse("exercises:focus", args=["knee"])).text


# --- Drawn figures ----------------------------------------------------------------------------


def figure_urls(html):
    return re.findall(r'src="(/exercises/[^"]+\.svg\?v=[^"]+)"', html)


def test_exercise_page_shows_the_animated_figure_and_every_position_with_alt_text(client):
    exercise = Exercise.objects.select_related("figure").get(slug="glute-bridge")
    html = client.get(exercise.get_absolute_url()).text
    figure = exercise.figure
    assert f'src="{figure.animated_url.replace("&", "&amp;")}"' in html
    assert 'alt="Glute bridge, bottom: lying on the back' in html
    for url, alt in figure.stills:
        assert f'src="{url}" alt="{alt}"' in html
    assert re.search(r'<img class="figure-animated"[^>]+loading="lazy"', html)


def test_library_cards_show_a_small_still_of_each_exercise(client):
    html = client.get(LIBRARY).text
    stills = re.findall(
        r'<img class="card-figure" src="([^"]+)" alt="" width="78" height="75"', html
    )
    assert len(stills) == Exercise.objects.count()
    assert reverse("exercises:figure-still", args=["glute-bridge", 2]) in "".join(stills)


def test_an_exercise_without_a_figure_shows_its_page_and_card_without_one(client):
    exercise = ExerciseFactory(name="Sled push")
    page = client.get(exercise.get_absolute_url())
    assert page.status_code == 200
    assert "figure-animated" not in page.text
    assert "Sled push" in names_on(client.get(LIBRARY))


def test_a_renamed_exercise_keeps_its_figure(client):
    exercise = Exercise.objects.get(slug="glute-bridge")
    exercise.slug = "bridge"
    exercise.save()
    html = client.get(reverse("exercises:detail", args=["bridge"])).text
    assert "/exercises/bridge/figure.svg?v=" in html


def test_a_figure_is_served_as_svg_and_kept_for_a_year_at_its_versioned_url(client):
    figure = Exercise.objects.get(slug="push-up").figure
    for url in (figure.animated_url, figure.card_url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert "max-age=31536000" in response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        assert response.content.startswith(b"<svg ")


def test_a_figure_asked_for_without_its_version_is_kept_an_hour_only(client):
    response = client.get(reverse("exercises:figure", args=["push-up"]))
    assert response.status_code == 200
    assert "max-age=3600" in response["Cache-Control"]
    assert "immutable" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("exercises:figure-still", args=["push-up", 0]),
        reverse("exercises:figure-still", args=["push-up", 3]),
        reverse("exercises:figure", args=["no-such-exercise"]),
    ],
)
def test_a_position_or_exercise_that_does_not_exist_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_a_still_shows_that_position_only(client):
    response = client.get(reverse("exercises:figure-still", args=["push-up", 2]))
    assert b"<animate" not in response.content
    assert b'aria-label="Push-up, bottom:' in response.content


def test_an_exercise_page_says_which_weights_can_load_a_bodyweight_exercise(client):
    response = client.get(reverse("exercises:detail", args=["split-squat"]))
    assert "Add load with" in response.text
    assert "Dumbbell or Kettlebell, once the reps are easy" in response.text
    other = client.get(reverse("exercises:detail", args=["plank"]))
    assert "Add load with" not in other.text


def test_an_exercise_that_needs_any_one_weight_is_listed_under_each_and_not_as_bodyweight(
    client,
):
    """The goblet squat needs a dumbbell or a kettlebell: either filter finds it."""
    for piece in ("dumbbell", "kettlebell"):
        assert "Goblet squat" in names_on(client.get(LIBRARY, {"equipment": piece}))
    assert "Goblet squat" not in names_on(client.get(LIBRARY, {"equipment": "bodyweight"}))
    page = client.get(reverse("exercises:detail", args=["goblet-squat"]))
    assert "<dt>Equipment</dt><dd>Dumbbell or kettlebell</dd>" in page.text
    assert "Add load with" not in page.text
    lunge = client.get(reverse("exercises:detail", args=["reverse-lunge"]))
    assert "None (bodyweight)" in lunge.text
    assert "Add load with" in lunge.text


def test_a_new_exercise_has_a_page_with_its_figure_cues_and_variations(client):
    exercise = Exercise.objects.get(slug="spanish-squat")
    html = unescape(client.get(exercise.get_absolute_url()).text)
    assert exercise.cue_list[0] in html
    assert "Wall sit" in html, "its easier variation is linked"
    assert exercise.figure.card_url.split("?")[0] in html


def test_the_library_filters_hamstring_curls_by_knee_flexion(client):
    shown = names_on(client.get(LIBRARY, {"pattern": "knee-flexion"}))
    assert shown == {"Hamstring curl", "Nordic hamstring curl", "Slider hamstring curl"}
    assert not {"Hamstring curl", "Nordic hamstring curl"} & names_on(
        client.get(LIBRARY, {"pattern": "hinge"})
    )
