"""The assistant's hybrid route: cache, cloud, fallback, queue and masking, with fakes."""

from dataclasses import replace

import pytest

from retail_assistant.core.assistant import Answer, AnswerStarted, Assistant
from retail_assistant.core.errors import CloudAuthError, CloudConnectionLost, CloudStreamInterrupted, InputError
from retail_assistant.core.routing import Policy, Reason, Route

from tests.core.fakes import FakeCatalog, FakeCloud, ListQueue, MemoryCache, ScriptedGenerator, product

HONEY = product("H1", "Rosemary honey 500 g", "Miel de romero 500 g", stock="37", unit="jar")
WRITING = "Write a product description for our rosemary honey"


def build(cloud=None, *, catalog=None, queue=None):
    catalog = catalog or FakeCatalog([HONEY])
    cache = MemoryCache(catalog)
    assistant = Assistant(catalog, ScriptedGenerator(["Local", " text"]), cloud=cloud, cache=cache, queue=queue,
                          reword_data_answers=False)
    return assistant, cache


def test_writing_goes_to_cloud_then_cache():
    cloud = FakeCloud()
    assistant, _ = build(cloud)
    first = assistant.answer(WRITING)
    second = assistant.answer(WRITING + "  ")
    assert first.route is Route.CLOUD
    assert first.text == "Cloud reply"
    assert second.route is Route.CACHE
    assert second.text == "Cloud reply"
    assert len(cloud.sent) == 1


def test_stock_question_never_reaches_cloud():
    for policy in Policy:
        cloud = FakeCloud(policy=policy)
        assistant, _ = build(cloud)
        for route in (None, Route.CLOUD):
            answer = assistant.answer("How many jars of honey are left?", route=route)
            assert answer.route in (Route.LOCAL, Route.CACHE)
            assert "37" in answer.text
        assert cloud.sent == []


def test_stock_change_invalidates_cached_answer():
    catalog = FakeCatalog([HONEY])
    assistant, _ = build(catalog=catalog)
    assert assistant.answer("How many jars of honey are left?").route is Route.LOCAL
    assert assistant.answer("How many jars of honey are left?").route is Route.CACHE
    catalog.items["H1"] = replace(HONEY, stock=replace(HONEY.stock, milli=12000), version=HONEY.version + 1)
    fresh = assistant.answer("How many jars of honey are left?")
    assert fresh.route is Route.LOCAL
    assert "12" in fresh.text


def test_offline_writing_is_provisional_and_queued():
    queue = ListQueue()
    assistant, _ = build(FakeCloud(reachable=False), queue=queue)
    answer = assistant.answer(WRITING)
    assert answer.route is Route.LOCAL
    assert answer.reason is Reason.CLOUD_UNREACHABLE
    assert answer.details["provisional"] is True
    assert queue.tasks[0][0] == WRITING


def test_connection_loss_falls_back_locally():
    queue = ListQueue()
    cloud = FakeCloud(error=CloudConnectionLost("connection refused by http://127.0.0.1:9/v1"))
    assistant, cache = build(cloud, queue=queue)
    answer = assistant.answer(WRITING)
    assert answer.route is Route.LOCAL
    assert answer.reason is Reason.CLOUD_UNREACHABLE
    assert answer.text == "Local text"
    assert len(queue.tasks) == 1
    assert cache.entries == {}


def test_auth_error_falls_back_without_queue():
    queue = ListQueue()
    assistant, _ = build(FakeCloud(error=CloudAuthError("the API key was rejected")), queue=queue)
    answer = assistant.answer(WRITING)
    assert answer.reason is Reason.CLOUD_FAILED
    assert "rejected" in answer.details["cloud_error"]
    assert queue.tasks == []


def test_interrupted_stream_keeps_partial_text():
    cloud = FakeCloud(["Fresh ", "honey ", "from"], error=CloudStreamInterrupted("cut", partial_text="Fresh honey "),
                      fail_after=2)
    assistant, cache = build(cloud)
    answer = assistant.answer(WRITING)
    assert answer.route is Route.CLOUD
    assert answer.text == "Fresh honey "
    assert answer.details["interrupted"] is True
    assert cache.entries == {}
    assert len(cloud.sent) == 1


def test_personal_data_is_masked_and_restored():
    cloud = FakeCloud(["Dear [EMAIL_1], thanks"])
    assistant, _ = build(cloud)
    answer = assistant.answer("Write an e-mail to ana@example.com thanking her for her order")
    sent = cloud.sent[0][-1].content
    assert "ana@example.com" not in sent
    assert "[EMAIL_1]" in sent
    assert answer.text == "Dear ana@example.com, thanks"
    assert answer.reason is Reason.PERSONAL_DATA_MASKED


def test_business_data_stays_local():
    cloud = FakeCloud()
    assistant, _ = build(cloud)
    answer = assistant.answer("Write an e-mail to our supplier about the cost of honey")
    assert answer.route is Route.LOCAL
    assert answer.reason is Reason.BUSINESS_DATA_LOCAL
    assert cloud.sent == []


def test_forced_cloud_without_cloud_is_input_error():
    assistant, _ = build(None)
    with pytest.raises(InputError, match="RETAIL_ASSISTANT_CLOUD_URL"):
        assistant.answer(WRITING, route=Route.CLOUD)


def test_forced_local_skips_cache_and_cloud():
    cloud = FakeCloud()
    assistant, _ = build(cloud)
    assistant.answer(WRITING)
    forced = assistant.answer(WRITING, route=Route.LOCAL)
    assert forced.route is Route.LOCAL
    assert forced.reason is Reason.FORCED_LOCAL
    assert len(cloud.sent) == 1


def test_cloud_route_announced_after_first_text():
    events = list(build(FakeCloud())[0].ask(WRITING))
    assert isinstance(events[0], AnswerStarted)
    assert events[0].route is Route.CLOUD
    assert isinstance(events[-1], Answer)
