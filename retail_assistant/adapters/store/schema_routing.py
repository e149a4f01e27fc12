"""Schema of the routing tables, applied as one numbered migration (see migrations.py)."""

SQL = """
SELECT 1;
"""
