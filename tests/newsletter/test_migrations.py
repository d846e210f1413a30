"""The newsletter's table moved from accounts into its own app without losing a row."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from newsletter.models import Subscriber

BEFORE_THE_MOVE = [("accounts", "0002_subscriber"), ("newsletter", None)]
STATES = ["pending", "confirmed", "unsubscribed"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def test_moving_the_table_keeps_every_subscriber_and_its_state(database_outside_transactions):
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old_apps = migrate(BEFORE_THE_MOVE)
    try:
        OldSubscriber = old_apps.get_model("accounts", "Subscriber")
        now = timezone.now()
        written = [
            OldSubscriber.objects.create(
                email=f"reader{n}@example.com",
                first_name=f"Reader {n}",
                status=status,
                key=uuid.uuid4(),
                consent_text="Yes please",
                consent_page="/exercises/",
                consented_at=now,
                confirmed_at=now if status != "pending" else None,
                unsubscribed_at=now if status == "unsubscribed" else None,
            )
            for n, status in enumerate(STATES)
        ]
        migrate(leaves)
        moved = {row.key: row for row in Subscriber.objects.all()}
        assert len(moved) == len(written)
        for old in written:
            new = moved[old.key]
            assert (new.email, new.first_name, new.status) == (
                old.email,
                old.first_name,
                old.status,
            )
            assert (new.consented_at, new.confirmed_at, new.unsubscribed_at) == (
                old.consented_at,
                old.confirmed_at,
                old.unsubscribed_at,
            )
        assert ContentType.objects.get_for_model(Subscriber).app_label == "newsletter"
        assert not ContentType.objects.filter(app_label="accounts", model="subscriber").exists()
    finally:
        migrate(leaves)
        Subscriber.objects.all().delete()


@pytest.mark.django_db
def test_the_table_has_the_newsletter_name():
    assert Subscriber._meta.db_table == "newsletter_subscriber"
    assert "newsletter_subscriber" in connection.introspection.table_names()
    assert "accounts_subscriber" not in connection.introspection.table_names()
