"""Whether each form video still exists, asked of its provider's public oEmbed endpoint.

Only a definite answer changes anything: 404, 401 or 403 (removed, made private,
or embedding turned off, so the player could not show it either) marks a video
gone, which hides it from the public page and lists it for an editor in the
admin; 200 marks it available. A timeout, a refused connection or a 5xx leaves
the video as it was, so an outage at YouTube never empties the library.
"""

import json
import logging
from enum import StrEnum
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings

from exercises.videos import VideoRef

logger = logging.getLogger(__name__)

GONE_STATUSES = {401, 403, 404}
USER_AGENT = "RunnerStrength-video-check/1 (+oEmbed)"


class Answer(StrEnum):
    AVAILABLE = "available"
    GONE = "gone"
    UNKNOWN = "unknown"


def oembed_url(ref: VideoRef) -> str:
    """The provider's oEmbed URL for a video; endpoints come from VIDEO_OEMBED_ENDPOINTS."""
    endpoint = settings.VIDEO_OEMBED_ENDPOINTS[ref.provider]
    query = {"url": ref.watch_url} | ({"format": "json"} if ref.provider == "youtube" else {})
    return f"{endpoint}?{urlencode(query)}"


def ask_provider(ref: VideoRef, *, timeout: float) -> Answer:
    """What the provider says about one video; never raises for network trouble."""
    request = Request(oembed_url(ref), headers={"User-Agent": USER_AGENT})  # noqa: S310 (https or a test's loopback, from settings)
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310
            json.load(response)
    except HTTPError as error:
        if error.code in GONE_STATUSES:
            return Answer.GONE
        logger.warning("oEmbed answered %s for %s %s", error.code, ref.provider, ref.video_id)
        return Answer.UNKNOWN
    except (URLError, TimeoutError, OSError, ValueError) as error:
        logger.warning("oEmbed check failed for %s %s: %s", ref.provider, ref.video_id, error)
        return Answer.UNKNOWN
    return Answer.AVAILABLE
