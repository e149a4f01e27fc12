"""llama-cpp-python's OpenAI-compatible server on a free loopback port, for tests that need a real cloud peer."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LlamaServer:
    """llama-cpp-python's server on a free loopback port, started and stopped by the tests."""

    def __init__(self, model_path, port, *, api_key=None):
        self.port = port
        self.url = f"http://127.0.0.1:{port}/v1"
        self._command = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host", "127.0.0.1",
            "--port", str(port), "--n_ctx", "1024", "--n_threads", "2", "--model_alias", "smollm2",
        ]
        if api_key:
            self._command += ["--api_key", api_key]
        self._api_key = api_key
        self._process = None

    def start(self):
        self._process = subprocess.Popen(self._command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
                request = urllib.request.Request(f"{self.url}/models", headers=headers)
                with urllib.request.urlopen(request, timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("llama_cpp.server did not start within 60 s")

    def stop(self):
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(10)
        self._process = None
