from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    """The test suite's fast hasher, counting how often a password is hashed: hashing is
    what makes one login or sign-up path slower than another."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


COUNTING_HASHERS = ["tests.accounts.hashers.CountingHasher"]


def hashes_during(action) -> int:
    """How many times `action()` hashed a password."""
    before = CountingHasher.hashed
    action()
    return CountingHasher.hashed - before
