"""The question queue: one answer at a time, in order, with batched text and clean errors."""

from __future__ import annotations

import pytest

from retail_assistant.core.errors import InputError
from retail_assistant.gui.workers import AskQueue, TextBuffer

from tests.gui.fakes import EndlessAsk, ScriptedAsk


@pytest.fixture
def make_queue(qtbot):
    queues: list[AskQueue] = []

    def make_queue(ask) -> AskQueue:
        queue = AskQueue(ask)
        queues.append(queue)
        return queue

    yield make_queue
    for queue in queues:
        assert queue.shut_down(5000)


class Recorder:
    """Collects everything an AskQueue emits, in order."""

    def __init__(self, queue: AskQueue) -> None:
        self.events: list[tuple[str, int, object]] = []
        self.texts: dict[int, list[str]] = {}
        queue.job_started.connect(lambda job: self.events.append(("job", job, None)))
        queue.answer_started.connect(lambda job, event: self.events.append(("started", job, event)))
        queue.text_arrived.connect(lambda job, text: self.texts.setdefault(job, []).append(text))
        queue.answer_finished.connect(lambda job, answer: self.events.append(("finished", job, answer)))
        queue.answer_failed.connect(lambda job, error: self.events.append(("failed", job, error)))

    def done(self) -> list[int]:
        return [job for kind, job, _ in self.events if kind in ("finished", "failed")]

    def text(self, job: int) -> str:
        return "".join(self.texts.get(job, []))


def test_text_buffer_takes_all_once():
    buffer = TextBuffer()
    buffer.append("a")
    buffer.append("b")

    assert buffer.take() == "ab"
    assert buffer.take() == ""


def test_questions_run_one_at_a_time_in_order(qtbot, make_queue):
    ask = ScriptedAsk(["one", " two"], delay=0.01)
    queue = make_queue(ask)
    recorder = Recorder(queue)

    for job, question in enumerate(["first", "second", "third"], start=1):
        queue.submit(job, question)
    qtbot.waitUntil(lambda: len(recorder.done()) == 3, timeout=5000)

    assert recorder.done() == [1, 2, 3]
    assert ask.questions == ["first", "second", "third"]
    assert ask.max_running == 1
    assert all(recorder.text(job) == "one two" for job in (1, 2, 3))
    assert not queue.busy


def test_queued_question_waits_for_running_one(qtbot, make_queue):
    queue = make_queue(EndlessAsk())
    recorder = Recorder(queue)
    queue.submit(1, "long")
    queue.submit(2, "next")

    assert queue.busy
    assert queue.pending == 1
    qtbot.waitUntil(lambda: recorder.text(1) != "", timeout=5000)
    assert ("job", 2, None) not in recorder.events

    queue.stop()
    qtbot.waitUntil(lambda: 1 in recorder.done(), timeout=5000)
    assert ("job", 2, None) in recorder.events


def test_text_arrives_in_batches(qtbot, make_queue):
    pieces = [f"{index} " for index in range(400)]
    queue = make_queue(ScriptedAsk(pieces, delay=0.001))
    recorder = Recorder(queue)

    queue.submit(1, "many pieces")
    qtbot.waitUntil(lambda: recorder.done() == [1], timeout=10_000)

    assert recorder.text(1) == "".join(pieces)
    assert len(recorder.texts[1]) < len(pieces) / 4


def test_stop_finishes_answer_as_stopped(qtbot, make_queue):
    queue = make_queue(EndlessAsk())
    recorder = Recorder(queue)
    queue.submit(1, "endless")
    qtbot.waitUntil(lambda: recorder.text(1) != "", timeout=5000)

    assert queue.stop()
    qtbot.waitUntil(lambda: recorder.done() == [1], timeout=5000)

    answer = recorder.events[-1][2]
    assert answer.stopped
    assert not queue.busy
    assert not queue.stop()


def test_error_is_reported_and_queue_continues(qtbot, make_queue):
    error = InputError("the question is empty; type a question")
    queue = make_queue(ScriptedAsk(errors={"bad": error}))
    recorder = Recorder(queue)

    queue.submit(1, "bad")
    queue.submit(2, "good")
    qtbot.waitUntil(lambda: len(recorder.done()) == 2, timeout=5000)

    kinds = [(kind, job) for kind, job, _ in recorder.events if kind in ("finished", "failed")]
    assert kinds == [("failed", 1), ("finished", 2)]
    assert [value for kind, _, value in recorder.events if kind == "failed"] == [error]


def test_unexpected_exception_is_reported(qtbot, make_queue):
    queue = make_queue(ScriptedAsk(errors={"bug": ZeroDivisionError("division by zero")}))
    recorder = Recorder(queue)

    queue.submit(1, "bug")
    qtbot.waitUntil(lambda: recorder.done() == [1], timeout=5000)

    failure = recorder.events[-1]
    assert failure[0] == "failed"
    assert isinstance(failure[2], ZeroDivisionError)


def test_shut_down_cancels_running_and_pending(qtbot):
    ask = EndlessAsk()
    queue = AskQueue(ask)
    queue.submit(1, "endless")
    queue.submit(2, "never runs")

    assert queue.shut_down(5000)
    assert queue.pending == 0
    with pytest.raises(RuntimeError):
        queue.submit(3, "after shut down")
