"""The domain stays free of the outside libraries, so it tests in milliseconds."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "retail_assistant" / "core"
FORBIDDEN = ("PySide6", "llama_cpp", "onnxruntime", "httpx", "sqlite_utils", "sqlite3", "shiboken6")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_sources_import_no_engine():
    offending = [
        (path.name, module)
        for path in sorted(CORE.glob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN
    ]
    assert offending == []


def test_core_import_loads_no_engine():
    code = (
        "import sys, pkgutil, importlib, retail_assistant.core as core\n"
        "for info in pkgutil.iter_modules(core.__path__): importlib.import_module('retail_assistant.core.' + info.name)\n"
        f"print(sorted(m for m in {FORBIDDEN!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
