"""Dialogs behind ``SomeDialog.ask(parent, ...) -> value | None`` so tests patch one function."""
