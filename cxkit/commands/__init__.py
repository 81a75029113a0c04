"""Subcommands of ``cxkit``, one module per area (see :data:`cxkit.cli.COMMAND_MODULES`)."""
