"""The answer engine: from retrieved passages to a direct, cited answer or an honest refusal.

``question`` reads what is asked, ``units`` cuts candidates, ``features`` measures them, ``selection`` and
``refusal`` decide with the fitted ``model``, ``shaping`` writes the answer, ``modes`` picks extractive or LLM, and
``fitting`` fits the model on gold questions (see docs/architecture.md).
"""
