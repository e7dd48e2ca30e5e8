"""The index that ``ingest`` writes and ``assistant`` reads.

Two stores hold one set of chunk ids:
- ``records.RecordStore``: one SQLite file under the data dir with documents, chunks and an FTS5 (BM25) lexical
  index over Thai-segmented, digit-normalised tokens. Documents, chunks and lexical rows change in one transaction,
  so they never disagree.
- ``vectors.VectorStore``: Chroma (embedded ``PersistentClient`` or ``HttpClient``), one collection per embedder.
  Chroma cannot join that transaction, so the pipeline writes vectors first, commits records second and deletes
  stale vectors last; ``reconcile`` repairs whatever a crash left, and readers only trust ids the records know.
"""
