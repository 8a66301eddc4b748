"""Widgets that show one thing each and ask for changes through signals."""
