"""The local language model: llama.cpp through llama-cpp-python."""

from retail_assistant.adapters.llm.engine import LocalModel
from retail_assistant.adapters.llm.model_file import check_model_file
from retail_assistant.adapters.llm.worker import LocalModelWorker, ModelState

__all__ = ["LocalModel", "LocalModelWorker", "ModelState", "check_model_file"]
