"""Fixtures of the cloud tests: fast settings, a recorded sleep, and llama.cpp's real server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from retail_assistant.adapters.cloud import CloudClient, CloudSettings

DATA = Path(__file__).resolve().parent.parent / "data" / "cloud"
SERVER_START_TIMEOUT = 60.0


@dataclass
class SleepRecorder:
    """A stand-in for time.sleep that records each wait instead of waiting."""

    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


def fast_settings(base_url: str, **changes) -> CloudSettings:
    """Settings with short time limits, so fault tests finish in a fraction of a second."""
    values = {
        "base_url": base_url,
        "model": "test-model",
        "api_key": "sk-test-SECRET-0123456789",
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
        "deadline": 10.0,
        "max_retries": 3,
        "max_retry_wait": 20.0,
        "backoff_base": 0.5,
    }
    values.update(changes)
    return CloudSettings(**values)


@pytest.fixture
def make_client(sleeps):
    """Build clients whose retry waits go to `sleeps`; closes them after the test."""
    clients: list[CloudClient] = []

    def build(settings: CloudSettings, **options) -> CloudClient:
        options.setdefault("sleep", sleeps)
        client = CloudClient(settings, **options)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LlamaServer:
    """llama-cpp-python's OpenAI-compatible server in a child process, on 127.0.0.1."""

    def __init__(self, model: Path, log_path: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.log_path = log_path
        command = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            "1024",
            "--n_threads",
            "2",
        ]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)

    def wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {self.process.returncode}; see {self.log_path}")
            try:
                if httpx.get(f"{self.base_url}/models", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"llama_cpp.server did not answer within {timeout:g} s; see {self.log_path}")

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()


@pytest.fixture(scope="session")
def llama_server(default_model_path, tmp_path_factory) -> Iterator[LlamaServer]:
    """The real llama.cpp server running the default model, started once per session."""
    server = LlamaServer(default_model_path, tmp_path_factory.mktemp("llama-server") / "server.log")
    server.wait_until_ready(SERVER_START_TIMEOUT)
    yield server
    server.stop()
