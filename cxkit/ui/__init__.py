"""The ipywidgets forms: thin classes that call cxkit's core and hold no rules."""

from cxkit.safety import configure_logging

# A failing callback's traceback goes to the log file, never to a cell's output.
configure_logging()
