"""BMA International Affairs Assistant: offline, citation-first question answering."""

__version__ = "0.1.0"
