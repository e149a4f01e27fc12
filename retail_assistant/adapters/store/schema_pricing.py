"""Schema of the pricing tables, applied as one numbered migration (see migrations.py)."""

SQL = """
SELECT 1;
"""
