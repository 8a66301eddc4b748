"""The command line: ``gik-desk parse|audit|rules|version`` (``main.main``)."""
