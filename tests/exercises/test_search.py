"""The library search, on the shipped library: run on SQLite and on PostgreSQL alike.

Every expectation here holds on both databases, so running this file under
each (CI does) holds the two engines to the same answers.
"""

import pytest
from django.db.models import Q
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exercises import search, services
from exercises.models import Exercise
from tests.exercises.factories import ExerciseFactory, grow_library

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return list(Exercise.objects.filtered(query=query).values_list("slug", flat=True))


# A plural of each exercise's name, as a runner would type it.
PLURALS = {
    "bodyweight squats": "bodyweight-squat",
    "goblet squats": "goblet-squat",
    "back squats": "back-squat",
    "split squats": "split-squat",
    "bulgarian split squats": "bulgarian-split-squat",
    "single-leg box squats": "single-leg-box-squat",
    "single-leg squats": "single-leg-squat",
    "wall sits": "wall-sit",
    "deadlifts": "deadlift",
    "romanian deadlifts": "romanian-deadlift",
    "single-leg deadlifts": "single-leg-deadlift",
    "kettlebell swings": "kettlebell-swing",
    "hip thrusts": "hip-thrust",
    "single-leg hip thrusts": "single-leg-hip-thrust",
    "glute bridges": "glute-bridge",
    "single-leg glute bridges": "single-leg-glute-bridge",
    "hamstring curls": "hamstring-curl",
    "nordic hamstring curls": "nordic-hamstring-curl",
    "forward lunges": "forward-lunge",
    "reverse lunges": "reverse-lunge",
    "lateral lunges": "lateral-lunge",
    "step-ups": "step-up",
    "calf raises": "calf-raise",
    "single-leg calf raises": "single-leg-calf-raise",
    "bent-knee calf raises": "bent-knee-calf-raise",
    "tibialis raises": "tibialis-raise",
    "pogo hops": "pogo-hops",
    "squat jumps": "squat-jump",
    "lateral bounds": "lateral-bound",
    "split squat jumps": "split-squat-jump",
    "push-ups": "push-up",
    "incline push-ups": "incline-push-up",
    "dumbbell bench presses": "dumbbell-bench-press",
    "dumbbell overhead presses": "dumbbell-overhead-press",
    "pull-ups": "pull-up",
    "inverted rows": "inverted-row",
    "one-arm dumbbell rows": "one-arm-dumbbell-row",
    "resistance band rows": "resistance-band-row",
    "prone y-t raises": "prone-y-t-raise",
    "planks": "plank",
    "side planks": "side-plank",
    "bear crawl holds": "bear-crawl-hold",
    "l-sits": "l-sit",
    "hollow body holds": "hollow-body-hold",
    "pallof presses": "pallof-press",
    "copenhagen planks": "copenhagen-plank",
    "dead bugs": "dead-bug",
    "bird dogs": "bird-dog",
    "farmer's carries": "farmers-carry",
    "suitcase carries": "suitcase-carry",
    "weighted marches": "weighted-march",
    "mountain climbers": "mountain-climber",
    "woodchops": "woodchop",
    "windmills": "windmill",
    "clamshells": "clamshell",
    "side-lying leg lifts": "side-lying-leg-lift",
    "banded walks": "banded-walk",
    "glute kickbacks": "glute-kickback",
    "fire hydrants": "fire-hydrant",
    "front-to-back leg swings": "leg-swing-front-back",
    "side-to-side leg swings": "leg-swing-side-side",
    "hip circles": "hip-circles",
    "walking lunges": "walking-lunge",
    "high knees": "high-knees",
    "butt kicks": "butt-kicks",
    "a-skips": "a-skip",
    "inchworms": "inchworm",
    "world's greatest stretches": "worlds-greatest-stretch",
    "cariocas": "carioca",
    "step-downs": "step-down",
    "spanish squats": "spanish-squat",
    "split squat holds": "split-squat-isometric",
    "trap-bar deadlifts": "trap-bar-deadlift",
    "cable pull-throughs": "cable-pull-through",
    "bodyweight hip thrusts": "bodyweight-hip-thrust",
    "dumbbell hip thrusts": "dumbbell-hip-thrust",
    "long-lever bridge holds": "long-lever-bridge-hold",
    "slider hamstring curls": "slider-hamstring-curl",
    "seated soleus raises": "seated-soleus-raise",
    "short foot and toe yoga": "short-foot",
    "single-leg pogo hops": "single-leg-pogo-hops",
    "single-leg hops and sticks": "single-leg-hop-and-stick",
    "bounding": "bounding",
    "low drop jumps": "drop-jump",
    "wall push-ups": "wall-push-up",
    "banded knee drives": "banded-knee-drive",
}


def test_the_plural_list_covers_the_whole_shipped_library():
    assert set(PLURALS.values()) == set(Exercise.objects.values_list("slug", flat=True))


@pytest.mark.parametrize("query", PLURALS)
def test_the_plural_of_a_name_finds_that_exercise_first(query):
    assert found(query)[0] == PLURALS[query]


# What runners type: spacing and hyphens, other names, spellings, typos, word order.
VARIANTS = {
    "squats": "back-squat",
    "step ups": "step-up",
    "stepups": "step-up",
    "step up": "step-up",
    "push ups": "push-up",
    "pushups": "push-up",
    "press-ups": "push-up",
    "bent-leg calf raise": "bent-knee-calf-raise",
    "bent leg calf raise": "bent-knee-calf-raise",
    "deadbug": "dead-bug",
    "weighted carry": "farmers-carry",
    "clams": "clamshell",
    "RDL": "romanian-deadlift",
    "SL RDL": "single-leg-deadlift",
    "pistol": "single-leg-squat",
    "romainian deadlift": "romanian-deadlift",
    "glute bridg": "glute-bridge",
    "gluet bridge": "glute-bridge",
    "squat goblet": "goblet-squat",
    "wood chop": "woodchop",
    "kettle bell swing": "kettlebell-swing",
    "nordics": "nordic-hamstring-curl",
    "bulgarian split squ": "bulgarian-split-squat",
}


@pytest.mark.parametrize("query", VARIANTS)
def test_variants_other_names_and_typos_find_their_exercise_first(query):
    assert found(query)[0] == VARIANTS[query]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("lunging", "forward-lunge"),
        ("squatting", "bodyweight-squat"),
        ("calfs", "calf-raise"),
        ("calves", "calf-raise"),
        ("hamstrings", "hamstring-curl"),
        ("glutes dumbbell", "goblet-squat"),
        ("resistance band", "banded-walk"),
    ],
)
def test_inflections_muscles_and_equipment_find_the_exercise(query, slug):
    assert slug in found(query)


def test_british_and_american_spellings_find_the_same_exercises():
    assert found("hip stabilisers") == found("hip stabilizers")
    assert found("hip stabilisers")


def test_every_word_must_match_something():
    assert "goblet-squat" in found("goblet")
    assert found("goblet xyzzy") == []


def test_an_exact_name_ranks_above_other_names_and_muscles():
    # "bridge" is an other name of the glute bridge and a word of three names.
    assert found("bridge")[:3] == [
        "glute-bridge",
        "long-lever-bridge-hold",
        "single-leg-glute-bridge",
    ]
    # "RDL" is the Romanian deadlift's own other name, part of another's.
    assert found("rdl") == ["romanian-deadlift", "single-leg-deadlift"]
    # Names that contain the word come before exercises that only work the muscle.
    hamstrings = found("hamstring")
    assert hamstrings[:2] == ["hamstring-curl", "nordic-hamstring-curl"]
    assert len(hamstrings) > 2


def test_ties_keep_the_library_order():
    squats = found("squat")
    by_library = list(
        Exercise.objects.filter(slug__in=squats, name__icontains="squat").values_list(
            "slug", flat=True
        )
    )
    assert squats[: len(by_library)] == by_library


def test_both_databases_rank_these_queries_the_same():
    """Whole answers, best first: the same on SQLite and PostgreSQL."""
    assert found("calf raise") == [
        "calf-raise",
        "bent-knee-calf-raise",
        "single-leg-calf-raise",
        "seated-soleus-raise",
        "tibialis-raise",
    ]
    assert found("single leg") == [
        "single-leg-box-squat",
        "single-leg-squat",
        "single-leg-deadlift",
        "single-leg-glute-bridge",
        "single-leg-hip-thrust",
        "single-leg-calf-raise",
        "single-leg-hop-and-stick",
        "single-leg-pogo-hops",
        "step-down",  # its alias: "Single-leg step-down"
        "calf-raise",  # its cues: "progress to single leg"
    ]
    assert found("press") == [
        "dumbbell-bench-press",
        "dumbbell-overhead-press",
        "pallof-press",
        "incline-push-up",
        "push-up",
        "wall-push-up",
        # Only their cues press (the forearm, the lower back, the heels into the floor).
        "hollow-body-hold",
        "dead-bug",
        "windmill",
        "seated-soleus-raise",  # the balls of the feet press
        "short-foot",
        "copenhagen-plank",
    ]
    assert found("bridge") == [
        "glute-bridge",
        "long-lever-bridge-hold",
        "single-leg-glute-bridge",
        "side-plank",
    ]
    assert set(found("plnk")) == set(found("planks"))


@pytest.mark.parametrize("query", ["xyzzy", "qwerty asdfgh", "zzzz"])
def test_nonsense_finds_nothing(query):
    assert found(query) == []


def test_nonsense_on_the_library_page_suggests_exercises_to_open(client):
    page = client.get(reverse("exercises:list"), {"q": "xyzzy plonk"})
    assert page.status_code == 200
    assert "<strong>0 exercises</strong>" in page.text
    assert "Did you mean" in page.text
    suggestions = search.suggestions(search.parse("xyzzy plonk"), Exercise.objects.all())
    assert len(suggestions) == search.SUGGESTIONS
    for exercise in suggestions:
        assert f'href="{exercise.get_absolute_url()}"' in page.text


def test_nonsense_with_nothing_near_still_offers_a_way_on(client):
    page = client.get(reverse("exercises:list"), {"q": "xyzzy"})
    assert "Nothing in the library is close to that" in page.text
    assert f'href="{reverse("exercises:problem-list")}"' in page.text


def test_a_near_miss_suggests_the_exercise_meant():
    suggestions = search.suggestions(search.parse("goblit sqaut jmup"), Exercise.objects.all())
    assert "Goblet squat" in [exercise.name for exercise in suggestions]


def test_results_say_where_a_word_matched_outside_the_name(client):
    page = client.get(reverse("exercises:list"), {"q": "rdl"})
    assert "Matched other name: RDL" in page.text
    page = client.get(reverse("exercises:list"), {"q": "goblet glutes"})
    assert "Matched glutes: muscle" in page.text


def test_words_only_the_cues_hold_find_exercises_last():
    benches = found("bench")
    by_equipment = set(
        Exercise.objects.filter(
            Q(equipment__slug="bench") | Q(name__icontains="bench")
        ).values_list("slug", flat=True)
    )
    only_cues = [slug for slug in benches if slug not in by_equipment]
    assert only_cues, "an exercise whose cues mention a bench it does not need"
    assert set(benches[: len(by_equipment)]) == by_equipment
    assert found("elbow"), "a word of the cues alone"
    assert found("elbw") == [], "typos are corrected to names and tags only"


def test_results_say_when_only_the_cues_matched(client):
    slug = next(
        s
        for s in found("bench")
        if not Exercise.objects.filter(slug=s, equipment__slug="bench").exists()
        and "bench" not in s
    )
    page = client.get(reverse("exercises:list"), {"q": "bench"})
    card = page.text[page.text.index(f'href="/exercises/{slug}/"') :]
    assert "Matched bench: form cues" in card[:3000]


def test_an_edited_cue_is_found_once_the_exercise_is_reindexed():
    exercise = Exercise.objects.get(slug="plank")
    assert "plank" not in found("zipper")
    exercise.cues += "\nZip the ribs down like a zipper."
    exercise.save()
    services.reindex(exercises=Exercise.objects.filter(pk=exercise.pk))
    assert found("zipper") == ["plank"]


def test_the_search_finds_an_exercise_added_later_by_its_muscle():
    ExerciseFactory(name="Sled push", slug="sled-push", muscles=["quadriceps"])
    assert "sled-push" in found("sled pushes")
    assert "sled-push" in found("sled quadriceps")


@pytest.mark.parametrize("query", ["glute bridges", "romainian deadlift", "xyzzy"])
def test_a_search_page_costs_the_same_queries_at_69_and_at_400_exercises(
    client, settings, django_assert_num_queries, query
):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("exercises:list")
    expected = 4 if query == "xyzzy" else 6  # nothing found: no list, the terms again
    with django_assert_num_queries(expected):
        assert client.get(url, {"q": query}).status_code == 200
    grow_library(400)
    with django_assert_num_queries(expected):
        assert client.get(url, {"q": query}).status_code == 200


hostile = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@hostile
@given(query=st.text(max_size=300))
@example(query="x" * 5000)
@example(query="squat\x00 \x00bridge")
@example(query="\x1b[31m\u202e\ufeff\u200b")
@example(query="' OR '1'='1' -- ; DROP TABLE exercises_exercise;")
@example(query="%_\\%\\_ | & ! :* <-> ()")
@example(query="\U0001f3c3\u200d\u2640\ufe0f squat \U0001f4aa\U0001f3fd")  # emoji
@example(query="\uff53\uff51\uff55\uff41\uff54")  # "squat" in fullwidth letters
@example(query=" ".join(["squat"] * 200))
def test_hostile_search_input_never_errors(client, query):
    assert client.get(reverse("exercises:list"), {"q": query}).status_code == 200
    list(Exercise.objects.filtered(query=query[:100]))
