"""One adapter per outside library; each translates its library's errors into core.errors."""
