"""One-page briefings for executives: building them from passages, optional LLM wording, and the export formats."""
