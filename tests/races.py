"""Calls made at once from real threads, each with its own database connection."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def in_parallel(*calls) -> list[Exception]:
    """Run the calls at once, one thread each; the errors other than a refusal
    (a ValidationError is how a service says no)."""
    start = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            start.wait()
            call()
        except ValidationError:
            pass
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
