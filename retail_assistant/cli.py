"""The command line: a thin layer over the same services as the desktop app.

Exit status: 0 on success, 2 on bad input (with a message saying what to fix), 1 on
other failures. `ask --json` prints exactly one JSON object on standard output.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from retail_assistant import __version__
from retail_assistant.bootstrap import build_services, configure_logging, ensure_shop
from retail_assistant.core.errors import InputError, RetailAssistantError
from retail_assistant.core.routing import Reason, Route
from retail_assistant.settings import Settings, load_settings

__all__ = ["main"]

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit status."""
    # A console that cannot show a character (cp1252 on Windows) gets a replacement
    # mark rather than a UnicodeEncodeError after the work is done.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")

    parser = _parser()
    options = parser.parse_args(argv)
    command = options.command or "gui"

    try:
        settings = load_settings(home=getattr(options, "home", None), overrides=_overrides(options))
        configure_logging(settings, verbose=getattr(options, "verbose", False))
        status = _COMMANDS[command](options, settings)
        sys.stdout.flush()
        return status
    except InputError as error:
        _print_error(error)
        return EXIT_BAD_INPUT
    except RetailAssistantError as error:
        _print_error(error)
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader closed the pipe (`| head`): nothing more can be shown. Point stdout
        # at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except OSError as error:
        _print_error(f"cannot write the output: {error.strerror or error}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _print_error("interrupted")
        return EXIT_FAILURE


def _print_error(error: object) -> None:
    try:
        print(f"error: {error}", file=sys.stderr)
    except OSError:
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retail-assistant",
        description="A hybrid AI assistant for small shops. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--home", type=Path, help="the shop's data folder (default: $RETAIL_ASSISTANT_HOME "
                         "or the user data folder)")
        sub.add_argument("--model", type=Path, help="a GGUF model file to use instead of the default")
        sub.add_argument("--verbose", action="store_true", help="also print log records on standard error")
        return sub

    command("gui", "open the desktop app on the current shop (the demo shop on first run)")

    ask = command("ask", "answer one question about the shop")
    ask.add_argument("question", help="the question, in English or Spanish")
    ask.add_argument("--json", action="store_true", help="print one JSON object with answer, route and reason")
    ask.add_argument("--route", choices=("auto", "local", "cloud"), default="auto",
                     help="where to run the question (default: auto)")

    importer = command("import", "import products from a point-of-sale export file")
    importer.add_argument("path", type=Path, help="the CSV file to import")
    importer.add_argument("--kind", choices=("products", "sales"), default="products",
                          help="what the file contains (default: products)")
    importer.add_argument("--format", choices=("auto", "shopify", "square", "generic"), default="auto",
                          help="the file's layout (default: detected from the header)")
    importer.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    importer.add_argument("--json", action="store_true", help="print the import report as JSON")
    importer.add_argument("--existing", choices=("update", "skip", "stop"), default="update",
                          help="what to do with rows that match existing products (default: update)")
    importer.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                          help="map a column of a generic file to a field, e.g. 'Precio venta=price:comma'; "
                          "repeat for each column")

    undo_import = command("undo-import", "undo the last import, restoring the values it changed")
    undo_import.add_argument("--json", action="store_true", help="print what was restored as JSON")

    demo = command("demo", "create the demo shop, a Spanish delicatessen and grocery")
    demo.add_argument("--reset", action="store_true", help="replace the existing shop with a fresh demo shop")

    price = command("price", "recommend shelf prices from the pricing model (changes nothing)")
    price.add_argument("skus", nargs="*", metavar="SKU", help="the products to price")
    price.add_argument("--all", action="store_true", help="price every product")
    price.add_argument("--json", action="store_true", help="print the recommendations as JSON")

    queue = command("queue", "list the writing tasks waiting for the cloud, or run them")
    queue.add_argument("--run", action="store_true", help="send the pending tasks to the cloud now")
    queue.add_argument("--json", action="store_true", help="print the tasks as JSON")

    cloud_log = command("cloud-log", "list every cloud call: time, reason, what was sent, tokens, cost")
    cloud_log.add_argument("--csv", type=Path, metavar="PATH", help="write the log to a CSV file instead")
    cloud_log.add_argument("--json", action="store_true", help="print the calls as JSON")

    self_test = command("self-test", "check the models, the database, Qt and the cloud settings")
    self_test.add_argument("--json", action="store_true", help="print the results as JSON")
    return parser


def _overrides(options: argparse.Namespace) -> dict[str, object]:
    model = getattr(options, "model", None)
    return {"model_path": model} if model else {}


def _ask(options: argparse.Namespace, settings: Settings) -> int:
    route = None if options.route == "auto" else Route(options.route)
    ensure_shop(settings)
    services = build_services(settings)
    try:
        if settings.phrase_data_answers:
            # Rewording is skipped while the model loads, and a command-line run is
            # over before the load would finish on its own.
            services.model.wait_ready(timeout=120)
        answer = services.assistant.answer(options.question, route=route)
    finally:
        services.close()

    if options.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        print(answer.text)
        print(f"[{answer.route.value}] {answer.reason.text(answer.language)}")
    # A chat question the model could not answer is a failure, though it is explained.
    return EXIT_FAILURE if answer.reason is Reason.MODEL_UNAVAILABLE else EXIT_OK


def _import(options: argparse.Namespace, settings: Settings) -> int:
    from retail_assistant.import_cli import run_import

    return run_import(
        settings,
        options.path,
        kind=options.kind,
        format=options.format,
        dry_run=options.dry_run,
        as_json=options.json,
        policy=options.existing,
        mapping=options.map,
    )


def _undo_import(options: argparse.Namespace, settings: Settings) -> int:
    from retail_assistant.import_cli import run_undo_import

    return run_undo_import(settings, as_json=options.json)


def _demo(options: argparse.Namespace, settings: Settings) -> int:
    from retail_assistant.demo import create_demo_shop

    summary = create_demo_shop(settings.database_path, reset=options.reset)
    print(
        f"demo shop created at {summary.path}: {summary.products} products, "
        f"{summary.sales_lines} sales lines from {summary.first_day} to {summary.last_day}"
    )
    return EXIT_OK


def _self_test(options: argparse.Namespace, settings: Settings) -> int:
    from retail_assistant.selftest import run_self_test

    results = run_self_test(settings)
    if options.json:
        print(json.dumps(results.to_dict(), ensure_ascii=False))
    else:
        for check in results.checks:
            print(f"{'passed' if check.passed else 'FAILED'}  {check.name}: {check.detail}")
    return EXIT_OK if results.passed else EXIT_FAILURE


def _price(options: argparse.Namespace, settings: Settings) -> int:
    from retail_assistant.pricing_cli import run_price

    ensure_shop(settings)
    return run_price(settings, options.skus, options.all, options.json)


def _queue(options: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from retail_assistant.queue_runner import run_queue

    services = build_services(settings, start_model=options.run)
    try:
        if options.run:
            if services.cloud is None:
                raise InputError("no cloud service is set up; set RETAIL_ASSISTANT_CLOUD_URL or the cloud settings")
            result = run_queue(services.assistant, services.queue, reachable=services.cloud.reachable)
            print(f"{result.done} done, {result.still_pending} still pending, {result.failed} failed",
                  file=sys.stderr if options.json else sys.stdout)
        tasks = services.queue.tasks()
    finally:
        services.close()

    if options.json:
        print(json.dumps([asdict(task) for task in tasks], ensure_ascii=False))
    else:
        for task in tasks:
            print(f"#{task.id} {task.status:8} {task.created_at} {task.question}")
    return EXIT_OK


def _cloud_log(options: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from retail_assistant.adapters.store.cloud_log import SqliteCloudLog
    from retail_assistant.adapters.store.connections import ThreadLocalDatabase

    connections = ThreadLocalDatabase(settings.database_path)
    try:
        cloud_log = SqliteCloudLog(connections)
        if options.csv is not None:
            count = cloud_log.export_csv(options.csv)
            print(f"wrote {count} cloud calls to {options.csv}")
            return EXIT_OK
        calls = cloud_log.calls()
    finally:
        connections.close()

    if options.json:
        print(json.dumps([asdict(call) for call in calls], ensure_ascii=False))
    else:
        for call in calls:
            print(f"{call.at} {call.outcome:11} {call.model} {call.reason} "
                  f"tokens {call.prompt_tokens}/{call.completion_tokens} latency {call.latency_ms} ms")
    return EXIT_OK


def _gui(options: argparse.Namespace, settings: Settings) -> int:
    from retail_assistant.gui.launch import launch

    return launch(settings)


_COMMANDS = {
    "gui": _gui,
    "ask": _ask,
    "import": _import,
    "undo-import": _undo_import,
    "demo": _demo,
    "self-test": _self_test,
    "price": _price,
    "queue": _queue,
    "cloud-log": _cloud_log,
}
