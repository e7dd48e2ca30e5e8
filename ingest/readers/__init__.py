"""Reading files: a document's text and structure out of PDF (text layer, Thai glyphs, tables, OCR), Word, Markdown
and plain text, with the bounds that keep a hostile file from stalling ingestion."""
