"""The CSRF token for a page served from the cache, from one system call.

Django's get_token() draws each character of a token with its own
os.urandom() call: 64 of them for a visitor without a CSRF cookie (the
secret and the mask), which was a fifth of what serving a cached page cost.
get_token() here returns the same kind of token (a random mask, then the
secret enciphered with it, from the same alphabet, each character equally
likely) and flags the cookie for the response in the same way, drawing all
its random bytes at once. Django's middleware checks it like its own.
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

ALPHABET = CSRF_ALLOWED_CHARS.encode()
# A byte maps to ALPHABET[byte % 62]; the bytes from 248 (4 × 62) up would
# make the first eight characters more likely, so they are dropped.
UNBIASED = 256 - 256 % len(ALPHABET)
TO_ALPHABET = bytes(ALPHABET[byte % len(ALPHABET)] for byte in range(256))
BIASED_BYTES = bytes(range(UNBIASED, 256))
POSITION = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}


def random_string(length: int) -> str:
    """`length` characters of the CSRF alphabet, each uniformly random."""
    drawn = b""
    while len(drawn) < length:
        # Twice the bytes needed: fewer than half survive about never.
        drawn += secrets.token_bytes(2 * length).translate(TO_ALPHABET, BIASED_BYTES)
    return drawn[:length].decode()


def get_token(request) -> str:
    """What django.middleware.csrf.get_token(request) returns, and the same cookie update."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        drawn = random_string(2 * CSRF_SECRET_LENGTH)
        secret, mask = drawn[:CSRF_SECRET_LENGTH], drawn[CSRF_SECRET_LENGTH:]
        request.META["CSRF_COOKIE"] = secret
    else:
        mask = random_string(CSRF_SECRET_LENGTH)
    # Send the cookie again, as Django does, which renews its expiry.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(POSITION[s] + POSITION[m]) % size]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher
