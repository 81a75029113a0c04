"""The Voilà apps: the facilitator's app and the participants' forms.

- :mod:`cxkit.apps.servers`: start and stop the Voilà servers (CLI, tests, benchmark);
- :mod:`cxkit.apps.participant`: the participant's form (imports only what it needs);
- :mod:`cxkit.apps.live`: the facilitator's live workshop screen.

Nothing here is imported by ``cxkit/__init__``: a participant's kernel
loads only the modules its form uses.
"""

from cxkit.safety import configure_logging

# A failing callback's traceback goes to the server's log file, never to the page.
configure_logging()
