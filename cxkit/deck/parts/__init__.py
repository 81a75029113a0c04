"""The deck's parts, one module per part of the method (registered in :mod:`cxkit.deck.outline`)."""
