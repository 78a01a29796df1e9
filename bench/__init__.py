"""Benchmarks: scripts that print JSON, comparing Tessera with plain SQLAlchemy in the same run."""
