"""LLM mode: the model writes the answer from the extractive evidence, and every sentence it writes is checked
against the passages it cites; anything unsure falls back to the extractive answer."""
