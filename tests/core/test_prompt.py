import pytest

from retail_assistant.core.chat import ChatMessage
from retail_assistant.core.errors import InputError
from retail_assistant.core.prompt import fit_messages


def count_chars(messages):
    return sum(len(message.content) + 4 for message in messages)


def test_short_conversation_is_unchanged():
    messages = [ChatMessage("system", "be brief"), ChatMessage("user", "hi")]
    assert fit_messages(messages, count_tokens=count_chars, budget=100) == messages


def test_oldest_turns_are_dropped_first():
    messages = [ChatMessage("system", "s"), ChatMessage("user", "old" * 10),
                ChatMessage("assistant", "reply" * 10), ChatMessage("user", "new")]
    fitted = fit_messages(messages, count_tokens=count_chars, budget=20)
    assert [message.content for message in fitted] == ["s", "new"]


def test_long_question_keeps_start_and_end():
    question = "START " + "x" * 500 + " END"
    fitted = fit_messages([ChatMessage("user", question)], count_tokens=count_chars, budget=60)
    assert count_chars(fitted) <= 60
    assert fitted[0].content.startswith("START")
    assert fitted[0].content.endswith("END")


def test_oversized_instructions_are_an_error():
    with pytest.raises(InputError, match="n_ctx"):
        fit_messages([ChatMessage("system", "x" * 100), ChatMessage("user", "q")],
                     count_tokens=count_chars, budget=50)
