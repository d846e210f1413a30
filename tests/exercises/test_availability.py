import pytest

from exercises.availability import Answer, ask_provider
from exercises.videos import VideoRef

pytestmark = pytest.mark.django_db

YOUTUBE = VideoRef(VideoRef.Provider.YOUTUBE, "dQw4w9WgXcQ")
VIMEO = VideoRef(VideoRef.Provider.VIMEO, "76979871")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (200, Answer.AVAILABLE),
        (404, Answer.GONE),
        (401, Answer.GONE),
        (403, Answer.GONE),
        (500, Answer.UNKNOWN),
        (503, Answer.UNKNOWN),
        (429, Answer.UNKNOWN),
        ("slow", Answer.UNKNOWN),
    ],
)
@pytest.mark.parametrize("ref", [YOUTUBE, VIMEO], ids=["youtube", "vimeo"])
def test_only_a_definite_answer_says_gone(oembed, ref, status, expected):
    oembed.answers[ref.video_id] = status
    assert ask_provider(ref, timeout=0.5) is expected
    assert oembed.asked == [ref.video_id]


def test_a_provider_that_cannot_be_reached_is_no_answer(settings):
    settings.VIDEO_OEMBED_ENDPOINTS = {"youtube": "http://127.0.0.1:9/oembed"}
    assert ask_provider(YOUTUBE, timeout=0.5) is Answer.UNKNOWN
