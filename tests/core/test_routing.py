import pytest

from retail_assistant.core.routing import CloudState, Policy, Privacy, Reason, Route, RouteRequest, TaskKind, decide

ONLINE = CloudState(configured=True, reachable=True)


def test_data_never_goes_to_cloud():
    for policy in Policy:
        for forced in (None, Route.CLOUD, Route.LOCAL):
            state = CloudState(configured=True, reachable=True, policy=policy, allow_business_data=True)
            decision = decide(RouteRequest(TaskKind.DATA, forced=forced), state)
            assert decision.route is Route.LOCAL, (policy, forced)


def test_long_writing_goes_to_cloud():
    decision = decide(RouteRequest(TaskKind.WRITING), ONLINE)
    assert decision.route is Route.CLOUD
    assert decision.reason is Reason.LONG_WRITING


def test_offline_writing_is_local_and_queued():
    decision = decide(RouteRequest(TaskKind.WRITING), CloudState(configured=True, reachable=False))
    assert decision.route is Route.LOCAL
    assert decision.reason is Reason.CLOUD_UNREACHABLE
    assert decision.queue_for_cloud


@pytest.mark.parametrize(
    ("request_", "state", "reason"),
    [
        (RouteRequest(TaskKind.WRITING), CloudState(configured=True, reachable=True, policy=Policy.LOCAL_ONLY),
         Reason.POLICY_LOCAL_ONLY),
        (RouteRequest(TaskKind.WRITING), CloudState(configured=True, reachable=True, policy=Policy.ASK_FIRST),
         Reason.POLICY_ASK_FIRST),
        (RouteRequest(TaskKind.WRITING, Privacy.BUSINESS), ONLINE, Reason.BUSINESS_DATA_LOCAL),
        (RouteRequest(TaskKind.WRITING), CloudState(configured=False, reachable=False), Reason.CLOUD_NOT_CONFIGURED),
        (RouteRequest(TaskKind.CHAT), ONLINE, Reason.SHORT_CHAT_LOCAL),
        (RouteRequest(TaskKind.WRITING),
         CloudState(configured=True, reachable=True, monthly_budget_cents=1000, month_spent_cents=1000),
         Reason.BUDGET_REACHED),
        (RouteRequest(TaskKind.WRITING, forced=Route.LOCAL), ONLINE, Reason.FORCED_LOCAL),
    ],
)
def test_local_decisions_name_reason(request_, state, reason):
    decision = decide(request_, state)
    assert decision.route is Route.LOCAL
    assert decision.reason is reason


def test_personal_data_is_sent_masked():
    decision = decide(RouteRequest(TaskKind.WRITING, Privacy.PERSONAL), ONLINE)
    assert decision.route is Route.CLOUD
    assert decision.reason is Reason.PERSONAL_DATA_MASKED


def test_business_data_allowed_by_shop():
    state = CloudState(configured=True, reachable=True, allow_business_data=True)
    assert decide(RouteRequest(TaskKind.WRITING, Privacy.BUSINESS), state).route is Route.CLOUD


def test_forced_cloud_overrides_policy():
    state = CloudState(configured=True, reachable=True, policy=Policy.LOCAL_ONLY)
    assert decide(RouteRequest(TaskKind.CHAT, forced=Route.CLOUD), state).route is Route.CLOUD


def test_budget_warning_level():
    state = CloudState(configured=True, reachable=True, monthly_budget_cents=1000, month_spent_cents=850)
    decision = decide(RouteRequest(TaskKind.WRITING), state)
    assert decision.route is Route.CLOUD
    assert decision.budget_warning


def test_every_reason_has_both_languages():
    for reason in Reason:
        assert reason.text("en")
        assert reason.text("es")
        assert reason.text("en") != reason.text("es")
