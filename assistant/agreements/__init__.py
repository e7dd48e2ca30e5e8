"""The agreements register: every city-to-city agreement as a record whose every field cites its sentence.

``extract`` reads records out of a document's pages (patterns, no LLM), ``register`` keeps them in the data
directory beside the index, ``query`` filters them, ``questions`` answers questions about the set of agreements,
``export`` writes CSV and XLSX. The vocabularies live once, in ``vocabulary``.
"""
