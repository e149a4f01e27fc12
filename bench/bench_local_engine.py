"""Benchmark: the app's local engine against llama-cpp-python called directly.

Both sides use one loaded model, the same prompt, thread count, greedy sampling and
number of generated tokens. The baseline is `Llama.create_completion(stream=True)`;
the contender is `LocalModel.stream_prompt`, the loop the app runs. Rounds alternate
the order, the model state is reset before every run so neither side reuses the
other's prompt cache, and the medians are compared.

Usage: python bench/bench_local_engine.py [--model PATH] [--tokens N] [--rounds R] [--threads T]
Prints tokens per second, time to first token and the ratio (engine / direct).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

from retail_assistant.adapters.llm import LocalModel
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.paths import models_dir
from retail_assistant.settings import DEFAULT_MODEL_FILE

_QUESTION = "Write a long, detailed story about a small delicatessen in Madrid and its customers."


def run_direct(model: LocalModel, prompt: str, tokens: int) -> tuple[float, float, int]:
    """Return (seconds to first token, seconds in all, tokens) for llama-cpp-python called directly."""
    llama = model._llama
    llama.reset()
    started = time.perf_counter()
    first = None
    count = 0
    for chunk in llama.create_completion(prompt, max_tokens=tokens, temperature=0.0, top_k=40, top_p=0.9,
                                         repeat_penalty=1.0, stream=True):
        if chunk["choices"][0]["finish_reason"] is not None:
            break  # the closing chunk carries the finish reason, not a token
        if first is None:
            first = time.perf_counter() - started
        count += 1
    return first or 0.0, time.perf_counter() - started, count


def run_engine(model: LocalModel, prompt: str, tokens: int) -> tuple[float, float, int]:
    """Return (seconds to first token, seconds in all, tokens) for the app's engine."""
    model._llama.reset()
    options = GenerationOptions(max_tokens=tokens, temperature=0.0, repeat_penalty=1.0)
    started = time.perf_counter()
    first = None
    for _ in model.stream_prompt(prompt, options):
        if first is None:
            first = time.perf_counter() - started
    return first or 0.0, time.perf_counter() - started, model.last_token_count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=models_dir() / DEFAULT_MODEL_FILE, help="GGUF file")
    parser.add_argument("--tokens", type=int, default=128, help="tokens to generate per run")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each side")
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads")
    options = parser.parse_args()

    model = LocalModel.load(options.model, n_ctx=1024, n_threads=options.threads)
    prompt = model.render([ChatMessage("user", _QUESTION)])
    run_engine(model, prompt, 8)  # warm-up: first-touch of the weights

    direct: list[tuple[float, float, int]] = []
    engine: list[tuple[float, float, int]] = []
    for round_number in range(options.rounds):
        pair = [(direct, run_direct), (engine, run_engine)]
        for results, runner in (pair if round_number % 2 == 0 else reversed(pair)):
            results.append(runner(model, prompt, options.tokens))
    model.close()

    def summary(results: list[tuple[float, float, int]]) -> tuple[float, float, int]:
        rates = [count / seconds for _, seconds, count in results]
        return statistics.median(rates), statistics.median(first for first, _, _ in results), results[0][2]

    direct_rate, direct_first, direct_count = summary(direct)
    engine_rate, engine_first, engine_count = summary(engine)
    print(f"machine: {platform.machine()}, {platform.processor() or 'unknown CPU'}, Python {sys.version.split()[0]}")
    print(f"model: {options.model.name}, threads {options.threads}, {options.rounds} rounds, "
          f"{options.tokens} tokens asked")
    print(f"direct llama-cpp-python: {direct_rate:7.1f} tokens/s, first token {direct_first * 1000:6.1f} ms, "
          f"{direct_count} tokens")
    print(f"app engine:              {engine_rate:7.1f} tokens/s, first token {engine_first * 1000:6.1f} ms, "
          f"{engine_count} tokens")
    print(f"ratio (engine / direct): {engine_rate / direct_rate:.3f} tokens/s")
    if direct_count != engine_count:
        print("warning: the two sides generated different numbers of tokens", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
