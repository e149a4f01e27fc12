"""Retail Assistant: a hybrid AI assistant for small shops."""

__version__ = "0.1.0"
