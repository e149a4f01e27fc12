"""The pricing model (onnxruntime) and the shop history it reads (SQLite)."""
