"""Schema of the importing tables, applied as one numbered migration (see migrations.py)."""

SQL = """
SELECT 1;
"""
