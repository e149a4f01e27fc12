"""Measure the desktop app's start-up: time to the window shown and to the local model ready.

Usage: python installer/measure_startup.py [--executable PATH] [--runs N]

Each run starts the app offscreen on a fresh data folder and reads two lines of its
log file. The app writes "window shown" right after the main window is shown, and
"loaded model" when the local model has loaded on its own thread. Their timestamps
are compared with the moment the process was started. The first run of each pair
creates the demo shop; the second starts on the existing shop, as every later start
does. The app is then terminated.

The default executable is the frozen bundle; pass `--executable .venv/bin/retail-assistant`
to measure the app run from source on the same machine.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXECUTABLE = ROOT / "dist" / "retail-assistant" / "retail-assistant"
LOG_FILE = Path("logs") / "retail-assistant.log"

TIMEOUT_SECONDS = 120
"""Upper bound for one start; a run that has not logged both lines by then fails."""

_MARKERS = {"window": "window shown for the shop", "model": "loaded model "}
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) ")


def _logged_at(line: str) -> float:
    # logging's default asctime: local time with milliseconds after a comma.
    match = _TIMESTAMP.match(line)
    if match is None:
        raise ValueError(f"log line without a timestamp: {line!r}")
    return datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()


def measure_once(executable: Path, home: Path) -> dict[str, float]:
    """Start the app on `home` and return the seconds from start to each marker, then stop it."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("RETAIL_ASSISTANT_")}
    environment.update(QT_QPA_PLATFORM="offscreen", RETAIL_ASSISTANT_HOME=str(home))
    log_file = home / LOG_FILE
    offset = log_file.stat().st_size if log_file.exists() else 0

    started = time.time()
    process = subprocess.Popen([str(executable)], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds: dict[str, float] = {}
    try:
        while len(seconds) < len(_MARKERS):
            if time.time() - started > TIMEOUT_SECONDS:
                raise RuntimeError(f"the app did not log {sorted(set(_MARKERS) - set(seconds))} "
                                   f"within {TIMEOUT_SECONDS} s")
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with status {process.returncode}: {process.stderr.read()}")
            if log_file.exists():
                with log_file.open(encoding="utf-8") as log:
                    log.seek(offset)
                    for line in log:
                        for name, marker in _MARKERS.items():
                            if name not in seconds and marker in line:
                                seconds[name] = round(_logged_at(line) - started, 3)
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurement's command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python installer/measure_startup.py", description=__doc__.splitlines()[0])
    parser.add_argument("--executable", type=Path, default=DEFAULT_EXECUTABLE,
                        help="the app to start (default: the frozen bundle in dist/)")
    parser.add_argument("--runs", type=int, default=3, help="pairs of first and later starts (default: 3)")
    options = parser.parse_args(argv)
    if not options.executable.is_file():
        print(f"error: {options.executable} does not exist; build it with 'make installer'", file=sys.stderr)
        return 2

    results: dict[str, list[dict[str, float]]] = {"first start": [], "later start": []}
    for _ in range(options.runs):
        with tempfile.TemporaryDirectory(prefix="retail-assistant-startup-") as home:
            results["first start"].append(measure_once(options.executable, Path(home)))
            results["later start"].append(measure_once(options.executable, Path(home)))

    print(f"{options.executable}, {options.runs} runs, seconds from process start, median (min to max):")
    for kind, runs in results.items():
        print(f"  {kind}: window shown {_spread([run['window'] for run in runs])}, "
              f"model ready {_spread([run['model'] for run in runs])}")
    return 0


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f} to {max(values):.2f})"


if __name__ == "__main__":
    raise SystemExit(main())
