"""The ipywidgets forms: thin classes that call cxkit's core and hold no rules."""
