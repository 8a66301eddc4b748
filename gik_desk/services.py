"""The facade both ``cli/`` and ``ui/`` call: open a batch, audit it, export it.

Placeholder signatures; the export/CLI helper owns the implementation.
"""
