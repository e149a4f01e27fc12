"""The frozen one-folder bundle: its self-test, also from a read-only copy run by another user.

Building the bundle takes about a minute on two cores, so these tests run only when
RETAIL_ASSISTANT_BUILD_INSTALLER=1. They reuse dist/retail-assistant/ when
installer/build.py finds it newer than every input file.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "retail-assistant"
CONTENTS = BUNDLE / "_internal"
PRICING_MODEL = ROOT / "models" / "pricing" / "demand.onnx"
EXPECTED_CHECKS = {"database", "local model", "data question", "pricing model", "window", "cloud settings"}

UNPRIVILEGED_ID = 65534
"""The uid and gid of `nobody` on Debian; root ignores write bits, so the read-only run needs another user."""

BUILD_TIMEOUT_SECONDS = 1800
RUN_TIMEOUT_SECONDS = 300

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("RETAIL_ASSISTANT_BUILD_INSTALLER") != "1",
        reason="set RETAIL_ASSISTANT_BUILD_INSTALLER=1 to build the PyInstaller bundle and test it",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle test runs the Linux build"),
    pytest.mark.timeout(BUILD_TIMEOUT_SECONDS + 2 * RUN_TIMEOUT_SECONDS),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The built bundle folder, built now unless the last build is newer than its inputs."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--reuse-fresh"],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False,
    )
    assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
    assert (BUNDLE / "retail-assistant").is_file()
    return BUNDLE


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Return each entry under `folder` with its size, modification time and mode, links not followed."""
    entries = {}
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        entries[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, info.st_mode)
    return entries


def app_environment(home: Path) -> dict[str, str]:
    """Return the environment of a frozen run: offscreen, with `home` as data folder and HOME."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("RETAIL_ASSISTANT_")}
    environment.update(QT_QPA_PLATFORM="offscreen", RETAIL_ASSISTANT_HOME=str(home), HOME=str(home))
    return environment


def run_self_test(executable: Path, home: Path, *, as_user: list[str] | None = None) -> dict:
    """Run the frozen `self-test --json` and return its report; fail with its output when it prints no JSON."""
    command = [*(as_user or []), str(executable), "self-test", "--json"]
    result = subprocess.run(command, env=app_environment(home), capture_output=True, text=True,
                            timeout=RUN_TIMEOUT_SECONDS, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the self-test printed no JSON (exit status {result.returncode}):\n"
                    f"{result.stdout}\n{result.stderr}")
    report["exit_status"] = result.returncode
    return report


def assert_every_check_passed(report: dict) -> None:
    checks = {check["name"]: check for check in report["checks"]}
    assert EXPECTED_CHECKS <= set(checks), f"checks missing: {sorted(EXPECTED_CHECKS - set(checks))}"
    for name, check in checks.items():
        assert check["passed"], f"the check {name!r} failed: {check['detail']}"
    assert report["exit_status"] == 0
    if PRICING_MODEL.is_file():
        assert "demand.onnx" in checks["pricing model"]["detail"]


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A fresh folder that any user can enter (pytest's own temporary folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="retail-assistant-bundle-test-"))
    folder.chmod(0o755)
    yield folder
    # Give write bits back, or rmtree cannot empty the read-only copy.
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    shutil.rmtree(folder)


def make_read_only(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    folder.chmod(0o555)


def test_bundle_holds_models_translations_and_engines(bundle):
    expected = [
        "models/SmolLM2-135M-Instruct.Q4_1.gguf",
        "resources/i18n/retail_assistant_es.qm",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/translations/qtbase_es.qm",
        "llama_cpp/lib/libllama.so",
        "llama_cpp/lib/libggml.so",
        "onnxruntime/capi",
    ]
    if PRICING_MODEL.is_file():
        expected.append("models/pricing/demand.onnx")
    for relative in expected:
        assert (CONTENTS / relative).exists(), f"{relative} is missing from the bundle"


def test_bundle_leaves_out_development_packages(bundle):
    for relative in ("sklearn", "scipy", "skl2onnx", "pytest", "llama_cpp/server", "fastapi", "onnx"):
        assert not (CONTENTS / relative).exists(), f"{relative} should not be in the bundle"
    assert not list(bundle.rglob("*.sqlite")), "the bundle must not contain a shop database"


def test_frozen_self_test_passes(bundle, tmp_path):
    home = tmp_path / "home"
    before = snapshot(bundle)

    report = run_self_test(bundle / "retail-assistant", home)

    assert_every_check_passed(report)
    assert (home / "shop.sqlite").is_file()
    assert (home / "logs" / "retail-assistant.log").is_file()
    assert snapshot(bundle) == before


def test_read_only_copy_runs_as_other_user(bundle, shared_folder):
    copy = shared_folder / "retail-assistant"
    shutil.copytree(bundle, copy, symlinks=True)
    make_read_only(copy)
    home = shared_folder / "home"
    home.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        os.chown(home, UNPRIVILEGED_ID, UNPRIVILEGED_ID)
        as_user = ["setpriv", f"--reuid={UNPRIVILEGED_ID}", f"--regid={UNPRIVILEGED_ID}", "--clear-groups"]
    before = snapshot(copy)

    # The copy is really read-only for the user the app runs as.
    probe = subprocess.run([*as_user, "/bin/sh", "-c", f"echo x > '{copy}/_internal/probe'"],
                           capture_output=True, text=True, timeout=30, check=False)
    assert probe.returncode != 0

    report = run_self_test(copy / "retail-assistant", home, as_user=as_user)

    assert_every_check_passed(report)
    assert (home / "shop.sqlite").is_file()
    assert snapshot(copy) == before
