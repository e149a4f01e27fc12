"""The loaded local model and its generation loop.

We drive llama.cpp token by token through `Llama.generate` rather than calling
`create_chat_completion`, for three reasons: Stop must take effect between two tokens,
token bytes must be decoded incrementally so a character split across tokens is never
lost, and the streamed and the complete reply must be the same text by construction
(`complete` is the join of `stream`).

A `LocalModel` is not thread-safe, because llama.cpp contexts are not; only the worker
thread that loaded it may call it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import llama_cpp
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from retail_assistant.adapters.llm.model_file import check_model_file, model_file_advice
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import InputError, ModelError, ModelFileError
from retail_assistant.core.prompt import fit_messages
from retail_assistant.core.streaming import StopFilter, Utf8Pieces

__all__ = ["LocalModel", "render_chatml"]

log = logging.getLogger(__name__)


def render_chatml(messages: Sequence[ChatMessage]) -> str:
    """Render `messages` in the ChatML layout, the fallback when a model has no usable template."""
    turns = "".join(f"<|im_start|>{message.role}\n{message.content}<|im_end|>\n" for message in messages)
    return turns + "<|im_start|>assistant\n"


class LocalModel:
    """A GGUF model loaded through llama-cpp-python, owned by one thread."""

    def __init__(self, llama: llama_cpp.Llama, path: Path) -> None:
        self._llama = llama
        self.path = path
        self._formatter = self._template_formatter()

    @classmethod
    def load(cls, path: Path, *, n_ctx: int, n_threads: int) -> LocalModel:
        """Load the model at `path` with an explicit context size and thread count.

        Raises ModelFileError when the file is missing, truncated or not GGUF.
        """
        check_model_file(path)
        started = time.perf_counter()
        try:
            llama = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelFileError(
                f"cannot load the model file {path}: it may be truncated or damaged ({error}); "
                f"{model_file_advice(path)}"
            ) from error

        log.info("loaded model %s (n_ctx=%d, threads=%d) in %.2f s", path.name, n_ctx, n_threads,
                 time.perf_counter() - started)
        return cls(llama, path)

    def close(self) -> None:
        """Free the model's memory; the object is unusable afterwards."""
        self._llama.close()

    @property
    def n_ctx(self) -> int:
        """The context size in tokens, shared by the prompt and the reply."""
        return self._llama.n_ctx()

    @property
    def uses_model_template(self) -> bool:
        """Whether prompts use the chat template stored in the model file."""
        return self._formatter is not None

    def render(self, messages: Sequence[ChatMessage]) -> str:
        """Render `messages` into the prompt text the model expects, ending with the reply's start."""
        if self._formatter is not None:
            try:
                return self._formatter(messages=[_as_dict(message) for message in messages]).prompt
            except Exception as error:  # noqa: BLE001 - a template is third-party code
                log.warning("the model's chat template failed (%s); using ChatML", error)
        return render_chatml(messages)

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """Return the number of prompt tokens `messages` render to."""
        return len(self._tokenize(self.render(messages)))

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Yield the reply to `messages` as text pieces until the end, `max_tokens` or Stop."""
        budget = self.n_ctx - options.max_tokens
        if budget < 16:
            raise InputError(
                f"max_tokens {options.max_tokens} leaves no room for the prompt in a context of "
                f"{self.n_ctx} tokens; lower max_tokens or raise n_ctx"
            )
        fitted = fit_messages(messages, count_tokens=self.count_tokens, budget=budget)
        yield from self.stream_prompt(self.render(fitted), options, cancel=cancel)

    def complete(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> str:
        """Return the whole reply to `messages`: the same text that `stream` yields, joined."""
        return "".join(self.stream(messages, options, cancel=cancel))

    def stream_prompt(
        self, prompt: str, options: GenerationOptions, *, cancel: CancelToken | None = None
    ) -> Iterator[str]:
        """Yield the continuation of an already rendered `prompt`."""
        prompt_tokens = self._tokenize(prompt)
        room = self.n_ctx - len(prompt_tokens)
        if room <= 0:
            raise InputError(
                f"the prompt has {len(prompt_tokens)} tokens, more than the context of {self.n_ctx}; "
                "shorten the question or raise n_ctx"
            )
        limit = min(options.max_tokens, room)
        self._llama.set_seed(options.seed)

        decoder = Utf8Pieces()
        stops = StopFilter()
        vocab = self._llama._model.vocab
        generated = 0
        try:
            tokens = self._llama.generate(
                prompt_tokens,
                top_k=options.top_k,
                top_p=options.top_p,
                temp=options.temperature,
                repeat_penalty=options.repeat_penalty,
            )
            for token in tokens:
                if cancel is not None and cancel.cancelled:
                    break
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    break
                text = stops.feed(decoder.feed(self._llama.detokenize([token])))
                generated += 1
                if text:
                    yield text
                if stops.stopped or generated >= limit:
                    break
        except (RuntimeError, ValueError) as error:
            raise ModelError(f"the local model failed while generating: {error}") from error

        tail = stops.feed(decoder.finish()) + stops.finish()
        if tail:
            yield tail

    def _tokenize(self, prompt: str) -> list[int]:
        bos_text = self._token_text(self._llama.token_bos())
        add_bos = not (bos_text and prompt.startswith(bos_text))
        return self._llama.tokenize(prompt.encode("utf-8"), add_bos=add_bos, special=True)

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        return self._llama._model.token_get_text(token)

    def _template_formatter(self) -> Jinja2ChatFormatter | None:
        template = self._llama.metadata.get("tokenizer.chat_template")
        if not template:
            log.info("model %s has no chat template; using ChatML", self.path.name)
            return None
        try:
            return Jinja2ChatFormatter(
                template=template,
                eos_token=self._token_text(self._llama.token_eos()),
                bos_token=self._token_text(self._llama.token_bos()),
                add_generation_prompt=True,
            )
        except Exception as error:  # noqa: BLE001 - jinja2 raises many kinds on a bad template
            log.warning("cannot use the chat template of %s (%s); using ChatML", self.path.name, error)
            return None


def _as_dict(message: ChatMessage) -> dict[str, str]:
    return {"role": message.role, "content": message.content}
