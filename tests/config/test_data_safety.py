"""Data safety, site-wide: migrations reverse, and a member's data leaves with them.

The migration test drops and recreates the project's tables on the test database itself.
It cannot run inside pytest-django's per-test transaction, and a transactional test
(TransactionTestCase) would empty every table when it ends, shipped content included, for
the tests after it and for a database kept with --reuse-db. So it takes the database
outside both, migrates back to zero and forward again, and leaves the database as
`migrate` leaves it: the state every other test starts from.
"""

import json
from uuid import uuid4

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from django.apps import apps as django_apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse

from exercises.content import (
    read_exercises,
    read_videos,
    read_vocabulary,
)
from exercises.models import (
    Equipment,
    Exercise,
    ExerciseVideo,
    FocusArea,
    MovementPattern,
    Muscle,
)
from newsletter.models import Subscriber
from plans.content import read_templates
from plans.models import Routine, RoutineShare
from tests.accounts.factories import PASSWORD, UserFactory
from tests.content import load_shipped_content
from tests.plans.factories import routine_with
from workouts.models import LoggedSet
from workouts.services import start_workout

PROJECT_APPS = ["accounts", "exercises", "plans", "newsletter", "workouts"]
User = get_user_model()


# --- Migrations -------------------------------------------------------------------------------


def project_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [
        migration
        for (app_label, _name), migration in sorted(loader.disk_migrations.items())
        if app_label in PROJECT_APPS
    ]


def test_every_migration_operation_can_be_reversed():
    operations = [
        (f"{migration.app_label}.{migration.name}", operation)
        for migration in project_migrations()
        for operation in migration.operations
    ]
    assert operations
    irreversible = [name for name, operation in operations if not operation.reversible]
    assert not irreversible, "give RunPython a reverse_code (RunPython.noop if nothing to undo)"
    data_migrations = [
        operation for _name, operation in operations if isinstance(operation, RunPython)
    ]
    assert data_migrations, "the shipped content is loaded by data migrations"
    assert all(operation.reverse_code is not None for operation in data_migrations)
    assert all(
        operation.reverse_sql is not None
        for _name, operation in operations
        if isinstance(operation, RunSQL)
    )


def schema():
    """Every table with its columns and constraints, as the database describes them."""
    introspection = connection.introspection
    with connection.cursor() as cursor:
        return {
            table: (
                sorted(
                    column.name for column in introspection.get_table_description(cursor, table)
                ),
                sorted(
                    (
                        name,
                        tuple(details["columns"]),
                        details["primary_key"],
                        details["unique"],
                        details["foreign_key"],
                        details["check"],
                        details["index"],
                    )
                    for name, details in introspection.get_constraints(cursor, table).items()
                ),
            )
            for table in sorted(introspection.table_names(cursor))
        }


def row_counts():
    return {
        model._meta.label: model._base_manager.count()
        for model in django_apps.get_models(include_auto_created=True)
    }


def applied_migrations():
    return set(MigrationRecorder(connection).applied_migrations())


def assert_shipped_content():
    vocabulary = read_vocabulary()
    for kind, model in [
        ("pattern", MovementPattern),
        ("focus", FocusArea),
        ("muscle", Muscle),
        ("equipment", Equipment),
    ]:
        assert set(model.objects.values_list("slug", flat=True)) == {
            entry["slug"] for entry in vocabulary[kind]
        }
    assert set(Exercise.objects.values_list("slug", flat=True)) == {
        entry["slug"] for entry in read_exercises()
    }
    assert ExerciseVideo.objects.count() == len(read_videos())
    for template in read_templates():
        routine = Routine.objects.templates().get(slug=template["slug"])
        assert [
            [item.exercise.slug for item in session.items.all()]
            for session in routine.sessions.all()
        ] == [[item["exercise"] for item in session["items"]] for session in template["session"]]


def test_project_apps_migrate_back_to_zero_and_forward_again(database_outside_transactions):
    # What `migrate` leaves. An earlier transactional test may have emptied the tables:
    # `migrate` puts back content types and permissions, the loaders the shipped content
    # (both only add what is missing).
    call_command("migrate", verbosity=0)
    load_shipped_content()
    schema_before, rows_before, applied_before = schema(), row_counts(), applied_migrations()
    try:
        for app_label in reversed(PROJECT_APPS):
            call_command("migrate", app_label, "zero", verbosity=0)
        assert not [table for table in schema() if table.split("_")[0] in PROJECT_APPS]
        assert not [m for m in applied_migrations() if m[0] in PROJECT_APPS]
    finally:
        call_command("migrate", verbosity=0)

    assert applied_migrations() == applied_before, "admin and allauth come back too"
    assert schema() == schema_before
    assert row_counts() == rows_before
    assert_shipped_content()


# --- Export and deletion ----------------------------------------------------------------------


def user_relations():
    """(model, lookup to the user) for every model that points at the user model, directly
    (ForeignKey, OneToOne, ManyToMany, through tables included) or through such a model.
    Found by walking the app registry, so a new model cannot be forgotten."""
    models = django_apps.get_models(include_auto_created=True)
    found = {}
    pending = [(User, None)]
    while pending:
        target, path = pending.pop()
        for model in models:
            for field in model._meta.get_fields():
                if field.auto_created or not field.is_relation or field.related_model is not target:
                    continue
                lookup = f"{field.name}__{path}" if path else field.name
                if model is not User and model not in found:
                    found[model] = lookup
                    pending.append((model, lookup))
    return found


def label(model):
    return model._meta.label_lower


def item_names(data):
    return [
        (exercise["exercise"], exercise["load"])
        for routine in data["routines"]
        for session in routine["sessions"]
        for exercise in session["exercises"]
    ]


# How each row that points at a user shows in their export. A new model that points at the
# user fails the test below until the export (and this table) knows it.
IN_EXPORT = {
    "admin.logentry": lambda data, row: (
        (row.action_time.isoformat(), row.object_id)
        in [(action["time"], action["object_id"]) for action in data["admin_actions"]]
    ),
    "account.emailaddress": lambda data, row: (
        {
            "email": row.email,
            "verified": row.verified,
            "primary": row.primary,
        }
        in data["email_addresses"]
    ),
    # A one-time confirmation key: a secret, not the member's data; it goes with the address.
    "account.emailconfirmation": None,
    "accounts.user_groups": lambda data, row: row.group.name in data["account"]["groups"],
    "accounts.user_user_permissions": lambda data, row: (
        f"{row.permission.content_type.app_label}.{row.permission.codename}"
        in data["account"]["permissions"]
    ),
    "plans.routine": lambda data, row: row.name in [r["name"] for r in data["routines"]],
    "plans.routineshare": lambda data, row: any(
        link["url"].endswith(f"/plans/shared/{row.token}/") for link in data["routine_share_links"]
    ),
    "plans.session": lambda data, row: (
        row.name in [s["name"] for r in data["routines"] for s in r["sessions"]]
    ),
    "workouts.workout": lambda data, row: (
        (row.name, row.started.isoformat())
        in [(w["name"], w["started"]) for w in data["log"]["workouts"]]
    ),
    "workouts.workoutexercise": lambda data, row: (
        row.exercise.name
        in [e["exercise"] for w in data["log"]["workouts"] for e in w["exercises"]]
    ),
    "workouts.loggedset": lambda data, row: (
        f"{row.workout_exercise.exercise.name},{row.number},{row.side},{row.reps},"
        in data["log"]["sets_csv"]
    ),
    "plans.routineitem": lambda data, row: (
        (row.exercise.name, row.load_text(row.session.routine.owner.weight_unit))
        in item_names(data)
    ),
}


def member_with_data_everywhere(name, *, staff):
    """A member with a row in every model that points at users, a newsletter signup for
    each verified address, and a second device logged in."""
    member = UserFactory(email=f"{name}@example.com", is_staff=staff, is_superuser=staff)
    second = EmailAddress.objects.create(
        user=member, email=f"{name}.alt@example.com", verified=True
    )
    unverified = EmailAddress.objects.create(user=member, email=f"{name}.new@example.com")
    EmailConfirmation.create(unverified)
    member.groups.add(Group.objects.create(name=f"Coaches {name}"))
    member.user_permissions.add(Permission.objects.get(codename="change_exercise"))
    routine = routine_with(member, "goblet-squat", "side-plank", sessions=2)
    routine.name = f"{name}'s spring block"
    routine.save()
    RoutineShare.objects.create(routine=routine)
    workout = start_workout(owner=member, routine_session=routine.sessions.first())
    for entry in workout.exercises.all():
        LoggedSet.objects.create(workout_exercise=entry, uuid=uuid4(), number=1, reps=7)
    LogEntry.objects.log_actions(
        member.pk, Exercise.objects.filter(slug="plank"), CHANGE, [{"changed": {"fields": ["Why"]}}]
    )
    for address in [member.email, second.email]:
        Subscriber.objects.create(
            email=address,
            consent_text=f"Yes please, {name}",
            consented_at="2026-01-01T00:00Z",
        )
    device = Client()
    device.force_login(member)
    return member, device


def rows_of(member, relations):
    return {
        model: list(model.objects.filter(**{lookup: member})) for model, lookup in relations.items()
    }


def sessions_of(member):
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(member.pk)]


@pytest.mark.django_db
def test_export_holds_and_deletion_removes_every_row_that_points_at_the_member(client):
    relations = user_relations()
    assert set(map(label, relations)) == set(IN_EXPORT), (
        "a model points at users: add it to accounts.services (export and deletion) and here"
    )
    member, other_device = member_with_data_everywhere("paula", staff=True)
    other, others_device = member_with_data_everywhere("olga", staff=False)
    mine, theirs = rows_of(member, relations), rows_of(other, relations)
    assert all(mine.values()), f"no data in {[label(m) for m, rows in mine.items() if not rows]}"

    client.force_login(member)
    response = client.get(reverse("accounts:export"))
    data = json.loads(response.content)
    for model, rows in mine.items():
        check = IN_EXPORT[label(model)]
        for row in rows:
            assert check is None or check(data, row), f"{label(model)} row {row.pk} not exported"
    assert data["account"]["email"] == member.email
    assert {s["email"] for s in data["newsletter"]} == {
        "paula@example.com",
        "paula.alt@example.com",
    }
    assert "olga" not in response.text

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302

    assert not User.objects.filter(pk=member.pk).exists()
    for model, rows in mine.items():
        left = model._base_manager.filter(pk__in=[row.pk for row in rows])
        assert not left.exists(), f"{label(model)} keeps rows of a deleted member"
    assert not Subscriber.objects.filter(email__startswith="paula").exists()
    assert not sessions_of(member), "the member's other devices are logged out"
    assert other_device.get(reverse("accounts:profile")).status_code == 302

    for model, rows in theirs.items():
        assert model._base_manager.filter(pk__in=[row.pk for row in rows]).count() == len(rows)
    assert Subscriber.objects.filter(email__startswith="olga").count() == 2
    assert sessions_of(other)
    assert others_device.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_the_admin_history_no_longer_names_a_deleted_member(client):
    member = UserFactory(email="quiet.runner@example.com")
    subscriber = Subscriber.objects.create(
        email=member.email, consent_text="Yes", consented_at="2026-01-01T00:00Z"
    )
    editor = UserFactory(is_staff=True, is_superuser=True)
    LogEntry.objects.log_actions(editor.pk, [member, subscriber], CHANGE, "Edited by support")
    entries = list(LogEntry.objects.filter(user=editor))
    assert all(entry.object_repr == member.email for entry in entries)

    client.force_login(member)
    client.post(reverse("accounts:delete"), {"password": PASSWORD})

    for entry in entries:
        entry.refresh_from_db()
        assert member.email not in entry.object_repr, "the audit trail stays, the name goes"


@pytest.mark.django_db
def test_deleting_an_account_keeps_a_signup_for_an_address_never_verified(client, user):
    EmailAddress.objects.create(user=user, email="someone.else@example.com", verified=False)
    Subscriber.objects.create(
        email="someone.else@example.com", consent_text="Yes", consented_at="2026-01-01T00:00Z"
    )
    client.force_login(user)

    assert json.loads(client.get(reverse("accounts:export")).content)["newsletter"] == []
    client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert Subscriber.objects.filter(email="someone.else@example.com").exists()
