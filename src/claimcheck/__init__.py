"""claimcheck: a literature-claim checker."""

__version__ = "0.1.0"
