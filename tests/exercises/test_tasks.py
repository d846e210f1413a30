import pytest
from django.core.management import call_command

from exercises.models import ExerciseVideo
from exercises.tasks import check_videos

pytestmark = pytest.mark.django_db


def test_the_task_checks_every_video_and_hides_the_gone_one(oembed):
    gone = ExerciseVideo.objects.get(exercise__slug="plank", role="primary")
    oembed.answers[gone.video_id] = 404
    result = check_videos.enqueue()
    assert result.return_value == {"available": 155, "gone": 1}
    assert len(oembed.asked) == ExerciseVideo.objects.count()
    assert ExerciseVideo.objects.get(pk=gone.pk).availability == "gone"


def test_the_command_reports_what_it_found(oembed, capsys):
    oembed.answers[ExerciseVideo.objects.order_by("pk").first().video_id] = 500
    call_command("check_videos")
    assert "155 available, 0 gone (hidden), 1 not answered" in capsys.readouterr().out


def test_the_command_can_queue_the_check_for_the_worker(oembed, capsys):
    call_command("check_videos", "--enqueue")
    assert "Queued the video check as task" in capsys.readouterr().out
    assert ExerciseVideo.objects.filter(availability="available").count() == 156
