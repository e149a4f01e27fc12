"""The hybrid route end to end, through the command line, against llama.cpp's own
OpenAI-compatible server on 127.0.0.1 standing in for the cloud."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.llama_server import LlamaServer, free_port

SECRET_KEY = "sk-test-0123456789-do-not-log"
WRITING = "Write a short product description for our rosemary honey"


@pytest.fixture()
def server(default_model_path):
    running = LlamaServer(default_model_path, free_port(), api_key=SECRET_KEY)
    running.start()
    yield running
    running.stop()


@pytest.fixture()
def home(tmp_path):
    result = subprocess.run([sys.executable, "-m", "retail_assistant", "demo", "--home", str(tmp_path)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return tmp_path


def ask(home, server_url, question, *extra, env_extra=None):
    env = {**os.environ, "RETAIL_ASSISTANT_CLOUD_URL": server_url, "RETAIL_ASSISTANT_CLOUD_MODEL": "smollm2",
           "RETAIL_ASSISTANT_CLOUD_API_KEY": SECRET_KEY, **(env_extra or {})}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "retail_assistant", "ask", question, "--json", "--home", str(home),
                             *extra], capture_output=True, text=True, timeout=120, env=env, check=False)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), elapsed


def run_queue(home, server_url):
    env = {**os.environ, "RETAIL_ASSISTANT_CLOUD_URL": server_url, "RETAIL_ASSISTANT_CLOUD_MODEL": "smollm2",
           "RETAIL_ASSISTANT_CLOUD_API_KEY": SECRET_KEY}
    result = subprocess.run([sys.executable, "-m", "retail_assistant", "queue", "--run", "--json", "--home", str(home)],
                            capture_output=True, text=True, timeout=300, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cloud_then_cache_then_offline(server, home):
    first, _ = ask(home, server.url, WRITING)
    assert first["route"] == "cloud"
    assert first["answer"]

    second, _ = ask(home, server.url, WRITING)
    assert second["route"] == "cache"
    assert second["answer"] == first["answer"]

    server.stop()
    offline, elapsed = ask(home, server.url, "Write a shelf label for our Manchego cheese")
    assert offline["route"] == "local"
    assert offline["reason_code"] == "cloud_unreachable"
    assert "unreachable" in offline["reason"]
    # The route and its reason come with the first text; the rest of a local writing
    # answer takes as long as the model needs on this machine.
    assert offline["first_text_seconds"] < 2.0
    assert offline["provisional"] is True


def test_stock_question_stays_local_under_every_policy(server, home):
    for policy in ("automatic", "ask_first", "local_only"):
        for route in ("auto", "cloud"):
            answer, _ = ask(home, server.url, "How many jars of rosemary honey are left?", "--route", route,
                            env_extra={"RETAIL_ASSISTANT_CLOUD_POLICY": policy})
            assert answer["route"] in ("local", "cache"), (policy, route)
    log = subprocess.run([sys.executable, "-m", "retail_assistant", "cloud-log", "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(log.stdout) == []


def test_key_never_stored_or_logged(server, home):
    answer, _ = ask(home, server.url, WRITING, "--verbose")
    assert answer["route"] == "cloud"
    stored = [home / "shop.sqlite", *home.glob("shop.sqlite-*"), *home.glob("*.json"), *(home / "logs").glob("*")]
    assert any(path.name.startswith("retail-assistant.log") for path in stored)
    for path in stored:
        assert SECRET_KEY.encode() not in path.read_bytes(), path


def test_queued_tasks_survive_restart_and_run_once(default_model_path, home):
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    questions = ["Write a shelf label for our Manchego cheese", "Write a short post about our new olive oil"]
    for question in questions:
        answer, _ = ask(home, url, question)
        assert answer["route"] == "local"
        assert answer["queued_task"] >= 1

    # Each ask was its own process: the queue lives in the database, not in memory.
    running = LlamaServer(default_model_path, port, api_key=SECRET_KEY)
    running.start()
    try:
        tasks = run_queue(home, url)
        again = run_queue(home, url)
    finally:
        running.stop()
    assert [task["question"] for task in tasks] == questions
    assert [task["status"] for task in tasks] == ["done", "done"]
    assert [task["attempts"] for task in again] == [1, 1]
    assert all(task["answer"] for task in again)
