"""Performance benchmarks for Community Advisor at registry scale; run with ``python -m benchmarks``."""
