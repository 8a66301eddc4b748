"""Qt item models that adapt the core's dataclasses; ``data()`` only looks up and formats."""
