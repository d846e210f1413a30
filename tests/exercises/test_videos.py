import pytest
from django.core.exceptions import ValidationError

from exercises.videos import VideoRef, parse_timestamp, parse_video_url

YT = VideoRef.Provider.YOUTUBE
VIMEO = VideoRef.Provider.VIMEO


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0)),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", (YT, "dQw4w9WgXcQ", 90)),
        ("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0)),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", (YT, "dQw4w9WgXcQ", 42)),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0)),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=15", (YT, "dQw4w9WgXcQ", 15)),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", (YT, "dQw4w9WgXcQ", 0)),
        ("  http://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ  ", (YT, "dQw4w9WgXcQ", 0)),
        ("https://vimeo.com/76979871", (VIMEO, "76979871", 0)),
        ("https://vimeo.com/76979871#t=1m5s", (VIMEO, "76979871", 65)),
        ("https://player.vimeo.com/video/76979871", (VIMEO, "76979871", 0)),
    ],
)
def test_good_video_links_are_parsed(url, expected):
    assert tuple(parse_video_url(url)) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "data:text/html,<script>alert(1)</script>",
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be.evil.example/dQw4w9WgXcQ",
        "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>",
        "https://www.youtube.com/channel/UCabcdefghijk",
        "https://vimeo.com/channels/staffpicks/76979871",
        "https://vimeo.com/not-a-number",
        "https://player.vimeo.com/76979871",
        "https://vimeo.com.evil.example/76979871",
        "https://www.youtube.com:99999999/watch?v=dQw4w9WgXcQ",
        "",
        "not a url",
    ],
)
def test_bad_and_hostile_links_are_rejected_with_a_clear_message(url):
    with pytest.raises(ValidationError, match="YouTube or Vimeo video link"):
        parse_video_url(url)


def test_embeds_are_privacy_friendly_and_links_go_to_the_provider():
    youtube = VideoRef(YT, "dQw4w9WgXcQ", 90)
    assert youtube.embed_url.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?")
    assert "start=90" in youtube.embed_url
    assert youtube.watch_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s"
    vimeo = VideoRef(VIMEO, "76979871")
    assert vimeo.embed_url == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    assert vimeo.watch_url == "https://vimeo.com/76979871"


@pytest.mark.parametrize(
    ("value", "seconds"), [("90", 90), ("90s", 90), ("1m30s", 90), ("1h0m1s", 3601), ("x", 0)]
)
def test_timestamps(value, seconds):
    assert parse_timestamp(value) == seconds
