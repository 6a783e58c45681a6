"""Benchmarks.  ``python -m bench`` runs the Slack conversation benchmark (bench/slack_bench.py);
the others run as scripts (``python bench/store_bench.py`` …), see docs/BENCHMARKS.md."""
