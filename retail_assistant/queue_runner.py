"""Running the writing tasks that waited for the cloud, once the line is back.

Each task is claimed (so no other runner takes it), sent to the cloud through the
assistant with the cloud route forced, and marked done with the cloud's answer in one
step. A task whose call falls back to the local model stays pending for the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from retail_assistant.adapters.store.cloud_queue import SqliteCloudQueue
from retail_assistant.core.assistant import Assistant
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.core.routing import Route

__all__ = ["QueueRun", "run_queue"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueueRun:
    """The outcome of one queue run: tasks done, still pending and failed."""

    done: int
    still_pending: int
    failed: int


def run_queue(
    assistant: Assistant,
    queue: SqliteCloudQueue,
    *,
    limit: int = 20,
    reachable: Callable[[], bool] | None = None,
) -> QueueRun:
    """Send up to `limit` pending tasks to the cloud; stop at the first that cannot reach it.

    `reachable` is checked first, so a run while offline does not spend a local answer on a
    task that would be put back.
    """
    done = failed = 0
    if reachable is not None and not reachable():
        return QueueRun(0, len(queue.tasks(status="pending")), 0)
    for _ in range(limit):
        task = queue.claim()
        if task is None:
            break
        try:
            answer = assistant.answer(task.question, route=Route.CLOUD)
        except RetailAssistantError as error:
            log.error("queued task %d failed for good: %s", task.id, error)
            queue.fail(task.id, str(error), retry=False)
            failed += 1
            continue
        if answer.route is not Route.CLOUD or answer.details.get("interrupted"):
            # The cloud did not answer in full: the task waits for the next run.
            queue.fail(task.id, str(answer.details.get("cloud_error", answer.reason.value)), retry=True)
            log.info("queued task %d still waits for the cloud", task.id)
            break
        queue.finish(task.id, answer.text)
        log.info("queued task %d answered by the cloud", task.id)
        done += 1
    return QueueRun(done, len(queue.tasks(status="pending")), failed)
