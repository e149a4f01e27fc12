"""The `import` and `undo-import` commands: thin wrappers over the importing adapter.

Both print a report in English (or one JSON object with --json) on standard output
and return the exit status: 0 on success, 2 on bad input with a message on standard
error that names what to fix, 1 when the shop database cannot be written.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from retail_assistant.core.errors import InputError, RetailAssistantError
from retail_assistant.settings import Settings

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "EXIT_OK", "run_import", "run_undo_import"]

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def run_import(
    settings: Settings,
    path: Path,
    *,
    kind: str = "products",
    format: str = "auto",
    dry_run: bool = False,
    as_json: bool = False,
    policy: str = "update",
    mapping: Sequence[str] | Mapping[str, str] | None = None,
) -> int:
    """Import the file at `path` into the shop of `settings`, print the report and return the exit status.

    `mapping` takes "COLUMN=FIELD[:OPTION]" entries as given to --map, for example
    ["Precio venta=price:comma", "Fecha=date:day-first", "Notas=ignore"].
    """
    from retail_assistant.adapters.importing import import_file
    from retail_assistant.adapters.store import open_database

    try:
        if dry_run and not settings.database_path.exists():
            # A dry run must leave no file behind, not even an empty shop.
            with tempfile.TemporaryDirectory(prefix="retail-assistant-dry-run-") as scratch:
                db = open_database(Path(scratch) / "shop.sqlite")
                try:
                    report = import_file(
                        db, path, kind=kind, format=format, dry_run=True, policy=policy, mapping=mapping
                    )
                finally:
                    db.conn.close()
        else:
            db = open_database(settings.database_path)
            try:
                report = import_file(
                    db, path, kind=kind, format=format, dry_run=dry_run, policy=policy, mapping=mapping
                )
            finally:
                db.conn.close()
    except RetailAssistantError as error:
        return _fail(error)

    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(report.summary())
    return EXIT_OK


def run_undo_import(settings: Settings, as_json: bool = False) -> int:
    """Undo the last import into the shop of `settings`, print what was restored and return the exit status."""
    from retail_assistant.adapters.importing import undo_last_import
    from retail_assistant.adapters.store import open_database

    if not settings.database_path.exists():
        return _fail(InputError(f"there is no shop at {settings.database_path}, so there is no import to undo"))
    try:
        db = open_database(settings.database_path)
        try:
            report = undo_last_import(db)
        finally:
            db.conn.close()
    except RetailAssistantError as error:
        return _fail(error)

    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(report.summary())
    return EXIT_OK


def _fail(error: RetailAssistantError) -> int:
    log.warning("import command failed: %s", error)
    print(f"error: {error}", file=sys.stderr)
    return EXIT_BAD_INPUT if isinstance(error, InputError) else EXIT_FAILURE
