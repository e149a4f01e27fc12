"""The domain: plain Python with no Qt, model runtime, network or database library.

Everything here can be tested in milliseconds; the adapters and the GUI build on it.
"""
