"""Authentication backends that keep the signed-in user's row in the cache.

Django reads the user from the database on every request a session makes; on
a page served from the page cache that read is most of the work. The row is
kept under the user's topic in the page cache (config.pagecache), which every
save or delete of the user retires once committed (AccountsConfig.ready). So
a new password, a deactivation or a deleted account takes effect at once:
Django still checks the session's password hash against the row it gets,
and an entry made from a row read before a save can never outlive the save.
"""

from functools import partial

from allauth.account import auth_backends
from django.contrib.auth import backends

from config.pagecache import cached_value, retire_on_commit, user_topic


class CachedUserMixin:
    def get_user(self, user_id):
        read = partial(super().get_user, user_id)
        return cached_value(f"auth-user:{user_id}", read, (user_topic(user_id),))


class ModelBackend(CachedUserMixin, backends.ModelBackend):
    """Django's own, for the admin and for password checks."""


class AuthenticationBackend(CachedUserMixin, auth_backends.AuthenticationBackend):
    """allauth's, for logging in by e-mail address."""


def user_changed(sender, instance, **kwargs):
    """A signal receiver: a user row was saved or deleted."""
    retire_on_commit(user_topic(instance.pk))
