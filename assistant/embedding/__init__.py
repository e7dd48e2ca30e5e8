"""Sentence embedders (multilingual USE, MiniLM) and the child process that embeds questions off the request thread."""
