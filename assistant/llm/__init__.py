"""Talking to an OpenAI-compatible LLM: the client, the bundled local server, prompts and follow-up rewriting."""
