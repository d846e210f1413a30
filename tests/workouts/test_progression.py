"""Double progression on worked examples, one for each kind of exercise."""

from decimal import Decimal

from plans.loads import KG, LB, to_kg
from workouts.progression import Done, Plan, suggest


def sets(*reps, load=None, rir=2):
    return [Done(reps=r, hold_seconds=None, load_kg=load, reps_in_reserve=rir) for r in reps]


def holds(*seconds):
    return [Done(reps=None, hold_seconds=s, load_kg=None, reps_in_reserve=None) for s in seconds]


SQUAT = Plan(sets=3, reps_min=8, reps_max=10, hold_seconds=None, per_side=False)


def test_loaded_every_set_at_the_top_with_reps_in_reserve_adds_2_5_kg_back_to_8():
    advice = suggest(plan=SQUAT, done=sets(10, 10, 10, load=Decimal("20")), unit=KG, harder=[])
    assert advice.load_kg == Decimal("22.5")
    assert (advice.reps_min, advice.reps_max) == (8, 10)
    assert advice.text == (
        "Every set reached 10 reps with reps in reserve: try 22.5 kg for 8–10 reps."
    )


def test_loaded_in_pounds_adds_5_lb_and_lands_on_a_round_number():
    load = to_kg(Decimal("45"), LB)
    advice = suggest(plan=SQUAT, done=sets(10, 10, 10, load=load), unit=LB, harder=[])
    assert advice.load_kg == to_kg(Decimal("50"), LB)
    assert "try 50 lb for 8–10 reps" in advice.text


def test_loaded_one_set_short_of_the_top_stays_at_the_same_weight():
    advice = suggest(plan=SQUAT, done=sets(10, 10, 9, load=Decimal("20")), unit=KG, harder=[])
    assert advice.load_kg == Decimal("20")
    assert advice.text.startswith("Same again at 20 kg: 2 of 3 sets reached 10 reps")


def test_no_reps_left_in_reserve_is_not_yet_time_to_add_load():
    done = sets(10, 10, load=Decimal("20")) + sets(10, load=Decimal("20"), rir=0)
    advice = suggest(plan=SQUAT, done=done, unit=KG, harder=[])
    assert advice.load_kg == Decimal("20")
    assert "2 of 3 sets" in advice.text


def test_fewer_sets_than_planned_is_not_every_set():
    advice = suggest(plan=SQUAT, done=sets(10, 10, load=Decimal("20")), unit=KG, harder=[])
    assert advice.load_kg == Decimal("20")


def test_bodyweight_adds_two_reps_below_ten_and_one_from_ten():
    push_up = Plan(sets=3, reps_min=6, reps_max=8, hold_seconds=None, per_side=False)
    advice = suggest(plan=push_up, done=sets(8, 8, 8), unit=KG, harder=["Decline push-up"])
    assert (advice.reps_min, advice.reps_max, advice.load_kg) == (8, 10, None)
    assert advice.text == "Every set reached 8 reps with reps in reserve: aim for 8–10 reps."
    twelve = Plan(sets=2, reps_min=12, reps_max=None, hold_seconds=None, per_side=False)
    assert suggest(plan=twelve, done=sets(12, 12), unit=KG, harder=[]).reps_min == 13


def test_bodyweight_past_fifteen_reps_moves_on_to_the_harder_variation():
    plan = Plan(sets=3, reps_min=12, reps_max=15, hold_seconds=None, per_side=False)
    advice = suggest(plan=plan, done=sets(15, 15, 15), unit=KG, harder=["Bulgarian split squat"])
    assert advice.harder_variation == "Bulgarian split squat"
    assert "move on to Bulgarian split squat" in advice.text
    without = suggest(plan=plan, done=sets(15, 15, 15), unit=KG, harder=[])
    assert (without.reps_min, without.reps_max) == (13, 16), "no harder one: more reps"


def test_timed_hold_at_full_time_adds_five_seconds():
    plank = Plan(sets=3, reps_min=None, reps_max=None, hold_seconds=30, per_side=False)
    advice = suggest(plan=plank, done=holds(30, 32, 30), unit=KG, harder=[])
    assert advice.hold_seconds == 35
    assert advice.text == "Every hold lasted the full 30 s: try 35 s."
    short = suggest(plan=plank, done=holds(30, 25, 30), unit=KG, harder=[])
    assert short.hold_seconds == 30
    assert short.text == (
        "Stay at 30 s: 2 of 3 holds lasted the full time; add 5 s once every one does."
    )


def test_a_sixty_second_hold_moves_on_to_the_harder_variation():
    plank = Plan(sets=2, reps_min=None, reps_max=None, hold_seconds=60, per_side=False)
    advice = suggest(plan=plank, done=holds(60, 60), unit=KG, harder=["Long-lever plank"])
    assert advice.harder_variation == "Long-lever plank"
    assert advice.hold_seconds == 60


def test_per_side_the_weaker_side_decides():
    side_plank = Plan(sets=2, reps_min=None, reps_max=None, hold_seconds=20, per_side=True)
    both = holds(20, 20, 20, 20)
    advice = suggest(plan=side_plank, done=both, unit=KG, harder=[])
    assert advice.hold_seconds == 25
    assert advice.text == "Every hold on each side lasted the full 20 s: try 25 s."
    one_side_short = suggest(plan=side_plank, done=holds(20, 20, 20, 15), unit=KG, harder=[])
    assert one_side_short.hold_seconds == 20
    assert "3 of 4 holds on each side" in one_side_short.text
    lunge = Plan(sets=2, reps_min=8, reps_max=10, hold_seconds=None, per_side=True)
    left_only = sets(10, 10, load=Decimal("10"))
    assert suggest(plan=lunge, done=left_only, unit=KG, harder=[]).load_kg == Decimal("10")


def test_nothing_logged_gives_no_suggestion():
    assert suggest(plan=SQUAT, done=[], unit=KG, harder=[]) is None
