"""Ingestion: files -> pages -> clean pages -> chunks -> index entries."""
