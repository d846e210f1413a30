"""Form-video links: parse a YouTube or Vimeo URL into provider, id and start time.

Only the providers' own hosts are accepted, over http(s), without credentials
or odd ports, so a look-alike host or a `javascript:` link never reaches a page.
Embeds use the privacy-friendly players (youtube-nocookie, Vimeo with dnt=1)
and are loaded only when the reader presses play.
"""

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.db import models

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
YOUTUBE_PATH_PREFIXES = ("embed", "shorts", "live", "v")
TIMESTAMP = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")

INVALID = "Enter a YouTube or Vimeo video link, such as https://www.youtube.com/watch?v=…"


class VideoRef(NamedTuple):
    class Provider(models.TextChoices):
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"

    provider: str
    video_id: str
    start: int = 0

    @property
    def provider_label(self):
        return self.Provider(self.provider).label

    @property
    def watch_url(self):
        if self.provider == self.Provider.YOUTUBE:
            query = {"v": self.video_id} | ({"t": f"{self.start}s"} if self.start else {})
            return f"https://www.youtube.com/watch?{urlencode(query)}"
        fragment = f"#t={self.start}s" if self.start else ""
        return f"https://vimeo.com/{self.video_id}{fragment}"

    @property
    def embed_url(self):
        if self.provider == self.Provider.YOUTUBE:
            query = {"autoplay": 1, "rel": 0} | ({"start": self.start} if self.start else {})
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?{urlencode(query)}"
        fragment = f"#t={self.start}s" if self.start else ""
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1{fragment}"


def parse_timestamp(value: str) -> int:
    """'90', '90s', '1m30s' or '1h2m3s' as seconds; anything else is 0."""
    match = TIMESTAMP.fullmatch(value.strip()) if value else None
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_video_url(url: str) -> VideoRef:
    """The provider, video id and start time of a YouTube or Vimeo link, or ValidationError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise ValidationError(INVALID, code="invalid_video_url") from error
    host = (parts.hostname or "").lower()
    if (
        parts.scheme.lower() not in {"http", "https"}
        or parts.username is not None
        or parts.password is not None
        or port not in {None, 80, 443}
    ):
        raise ValidationError(INVALID, code="invalid_video_url")
    query = parse_qs(parts.query)
    segments = [segment for segment in parts.path.split("/") if segment]

    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0] if len(segments) == 1 else ""
        elif segments == ["watch"]:
            candidate = query.get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in YOUTUBE_PATH_PREFIXES:
            candidate = segments[1]
        else:
            candidate = ""
        if YOUTUBE_ID.fullmatch(candidate):
            start = parse_timestamp(query.get("t", query.get("start", [""]))[0])
            return VideoRef(VideoRef.Provider.YOUTUBE, candidate, start)

    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            candidate = segments[1] if len(segments) == 2 and segments[0] == "video" else ""
        else:
            candidate = segments[0] if len(segments) == 1 else ""
        if VIMEO_ID.fullmatch(candidate):
            fragment = parts.fragment.removeprefix("t=") if parts.fragment.startswith("t=") else ""
            return VideoRef(VideoRef.Provider.VIMEO, candidate, parse_timestamp(fragment))

    raise ValidationError(INVALID, code="invalid_video_url")
