"""Finding passages: hybrid lexical + dense search, fusion, the top-k cover rules and word-coverage support."""
