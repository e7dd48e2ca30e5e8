"""Text shared by ingestion and answering: normalisation (Thai and OCR clean-up) and the stop-word vocabulary."""
