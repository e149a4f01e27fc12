"""Build the one-folder desktop bundle dist/retail-assistant/ with PyInstaller.

Usage: python installer/build.py [--reuse-fresh] [--self-test]

The build reads installer/retail_assistant.spec. Before it starts, this script checks
what the spec needs from `make setup` (the default GGUF, the compiled translations,
PyInstaller itself) and names the command that provides a missing piece. After a
build it records the inputs' newest modification time, the build time and the bundle
size in build/installer/last-build.json, outside the bundle, so `--reuse-fresh` can
skip a build whose inputs have not changed since.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "retail_assistant.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "installer"
BUNDLE = DIST / "retail-assistant"
RECORD = WORK / "last-build.json"
DEFAULT_MODEL = ROOT / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"

BUILD_TIMEOUT_SECONDS = 1800
"""Upper bound for one PyInstaller run. Builds measured on two cores took under a minute (docs/benchmarks.md)."""

SELF_TEST_TIMEOUT_SECONDS = 300

# Everything whose change can change the bundle. The installed packages are not listed:
# after upgrading one, build without --reuse-fresh.
_INPUT_FOLDERS = ("retail_assistant", "installer", "resources")
_INPUT_FILES = ("pyproject.toml",)
_INPUT_PATTERNS = (("models", "*.gguf"), ("models/pricing", "*.onnx"), ("models/pricing", "*.json"))


def executable(bundle: Path = BUNDLE) -> Path:
    """Return the path of the bundle's command-line executable."""
    name = "retail-assistant.exe" if sys.platform == "win32" else "retail-assistant"
    return bundle / name


def missing_prerequisites() -> list[str]:
    """Return one message per missing build input, each naming the command that provides it."""
    problems = []
    if importlib.util.find_spec("PyInstaller") is None:
        problems.append("PyInstaller is not installed in this environment; run 'make installer' "
                        "or 'pip install -e \".[installer]\"'")
    if not DEFAULT_MODEL.is_file():
        problems.append(f"the default model {DEFAULT_MODEL} is missing; run 'make setup'")
    if not any((ROOT / "resources" / "i18n").glob("*.qm")):
        problems.append("resources/i18n has no compiled .qm translation; run 'make translations'")
    return problems


def _input_files() -> Iterator[Path]:
    for folder in _INPUT_FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path
    for name in _INPUT_FILES:
        yield ROOT / name
    for folder, pattern in _INPUT_PATTERNS:
        yield from (ROOT / folder).glob(pattern)


def newest_input_mtime() -> float:
    """Return the newest modification time among the files the bundle is built from."""
    return max((path.stat().st_mtime for path in _input_files() if path.exists()), default=0.0)


def bundle_is_fresh() -> bool:
    """Return whether the last recorded build is newer than every input and its bundle is still there."""
    if not executable().is_file() or not RECORD.is_file():
        return False
    try:
        record = json.loads(RECORD.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return record.get("inputs_mtime", -1.0) >= newest_input_mtime()


def folder_size(folder: Path) -> int:
    """Return the total size in bytes of the regular files under `folder`, not following links."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total


def build() -> dict[str, object]:
    """Run PyInstaller on the spec and return the build record (seconds, size, inputs' time)."""
    inputs_mtime = newest_input_mtime()
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]
    started = time.monotonic()
    try:
        subprocess.run(command, cwd=ROOT, check=True, timeout=BUILD_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"error: the PyInstaller build timed out after {BUILD_TIMEOUT_SECONDS} s") from None
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"error: PyInstaller failed with exit status {error.returncode}; "
                         "its output above names the problem") from None
    seconds = round(time.monotonic() - started, 1)

    record = {
        "bundle": str(BUNDLE),
        "build_seconds": seconds,
        "bundle_bytes": folder_size(BUNDLE),
        "inputs_mtime": inputs_mtime,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def run_frozen_self_test(bundle: Path = BUNDLE) -> int:
    """Run the bundle's `self-test --json` offscreen on a scratch data folder; return its exit status."""
    with tempfile.TemporaryDirectory(prefix="retail-assistant-self-test-") as home:
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", RETAIL_ASSISTANT_HOME=home)
        result = subprocess.run(
            [str(executable(bundle)), "self-test", "--json"],
            env=environment, capture_output=True, text=True, timeout=SELF_TEST_TIMEOUT_SECONDS, check=False,
        )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"error: the frozen self-test printed no JSON (exit status {result.returncode}):\n"
              f"{result.stdout}{result.stderr}", file=sys.stderr)
        return result.returncode or 1
    for check in report["checks"]:
        state = "passed" if check["passed"] else "FAILED"
        print(f"{state}  {check['name']} ({check['seconds']:.2f} s): {check['detail']}")
    return result.returncode


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build script's command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python installer/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-fresh", action="store_true",
                        help="skip the build when the last one is newer than every input file")
    parser.add_argument("--self-test", action="store_true",
                        help="then run the bundle's self-test offscreen on a scratch data folder")
    options = parser.parse_args(argv)

    problems = missing_prerequisites()
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2

    if options.reuse_fresh and bundle_is_fresh():
        print(f"reusing {BUNDLE}: built after the last change to its inputs")
    else:
        record = build()
        size_mib = record["bundle_bytes"] / 2**20
        print(f"built {BUNDLE} in {record['build_seconds']} s: {size_mib:.0f} MiB")

    if options.self_test:
        return run_frozen_self_test()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
