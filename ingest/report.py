"""What one ingestion run did, as data: the CLI prints it and ``--json`` serialises it unchanged."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FailedFile(BaseModel):
    file: str
    reason: str = Field(description="One line a user can act on.")


class FileNote(BaseModel):
    file: str
    note: str = Field(description="A fallback taken while reading the file, so that none is silent.")


class UnreadablePages(BaseModel):
    file: str
    pages: list[int]


class IngestReport(BaseModel):
    files: int = Field(0, description="Files (re)ingested in this run.")
    pages: int = 0
    chunks: int = 0
    skipped: int = Field(0, description="Files unchanged since the last run, skipped without parsing.")
    removed: list[str] = Field(default_factory=list, description="Documents whose file is gone from an ingested folder.")
    failed: list[FailedFile] = Field(default_factory=list)
    unreadable_pages: list[UnreadablePages] = Field(default_factory=list)
    notes: list[FileNote] = Field(default_factory=list)
    reembedded: int = Field(0, description="Stored chunks embedded again (new embedder or repair after a crash).")
    embedder: str = ""
    parse_seconds: float = Field(0.0, description="Reading files and extracting their text layer.")
    ocr_seconds: float = 0.0
    clean_seconds: float = Field(0.0, description="Cleaning pages, metadata, chunking and the lexical index's tokens.")
    embed_seconds: float = Field(0.0, description="Embedding, including the model's first load.")
    store_seconds: float = Field(0.0, description="Writing vectors, records and the lexical index.")
    prepare_cpu_seconds: float = Field(0.0, description="CPU time of the preparing worker process (parse, clean, "
                                       "chunk; OCR runs in Tesseract processes and is not in it).")
    prepare_peak_rss_mb: float = Field(0.0, description="Peak resident memory of the preparing worker process.")
    register_seconds: float = Field(0.0, description="Bringing the agreements register in line with the index.")
    agreements: int = Field(0, description="Records in the agreements register after the run.")
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        lines = [
            (f"Ingested {self.files} file(s): {self.pages} page(s), {self.chunks} chunk(s); "
             f"{self.skipped} unchanged, {len(self.removed)} removed, {len(self.failed)} failed "
             f"[{self.embedder}] in {self.seconds:.1f}s (parse {self.parse_seconds:.1f}s, OCR {self.ocr_seconds:.1f}s, "
             f"clean+chunk {self.clean_seconds:.1f}s, embedding {self.embed_seconds:.1f}s, "
             f"store {self.store_seconds:.1f}s).")
        ]
        lines.append(f"Agreements register: {self.agreements} record(s) ({self.register_seconds:.2f}s).")
        if self.reembedded:
            lines.append(f"Re-embedded {self.reembedded} stored chunk(s).")
        lines += [f"  removed: {doc}" for doc in self.removed]
        lines += [f"  failed: {f.file}: {f.reason}" for f in self.failed]
        lines += [f"  note: {n.file}: {n.note}" for n in self.notes]
        lines += [f"  unreadable pages: {u.file}: {', '.join(map(str, u.pages))}" for u in self.unreadable_pages]
        return "\n".join(lines)
