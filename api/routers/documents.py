"""Documents: list, metadata, page text (the citation viewer), original file; upload and delete (admin) queue
ingest jobs polled at ``/api/v1/jobs/{id}``. A document the caller may not see answers 404 everywhere, exactly as a
document that does not exist."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from api.deps import AdminDep, ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import DocumentList, JobView, PageText
from assistant.access.audit import source_label
from assistant.models import DocumentMeta
from ingest.jobs.queue import Job
from ingest.jobs.uploads import save_upload
from ingest.originals import original_file

router = APIRouter(prefix="/api/v1", tags=["documents"])
ERRORS = problem_responses(404)


def _view(job: Job) -> JobView:
    return JobView.model_validate(job.model_dump(exclude={"upload"}))


@router.get("/documents", response_model=DocumentList, responses=ERRORS)
def list_documents(principal: PrincipalDep, ctx: ContextDep) -> DocumentList:
    """The documents the caller may see, with title, kind, date, parties, language, access and page count."""
    return DocumentList(documents=ctx.service.documents(principal))


@router.post("/documents", status_code=202, response_model=JobView, responses=problem_responses(403, 409, 415))
async def upload_document(
    file: Annotated[UploadFile, File(description="A .pdf, .docx, .txt or .md file, checked by content.")],
    principal: AdminDep,
    ctx: ContextDep,
    access: Annotated[str | None, Form(max_length=200, description="public, internal or restricted:<group>[,<group>]")] = None,
) -> JobView:
    """Admin only: add a document, or replace the one of the same name.

    The file is checked by content and stored, then ingested in the background: poll `GET /api/v1/jobs/{id}`. A
    replacement takes effect once it is ingested; if its ingestion fails, the previous version stays as it was.
    `access` sets who may read it (without it, a replacement keeps the previous version's access)."""
    data = await file.read()
    roots = await run_in_threadpool(ctx.service.records.document_roots)
    upload = await run_in_threadpool(save_upload, file.filename or "", data, ctx.settings, access, roots)
    return _view(ctx.jobs.submit("ingest", upload.name, upload))


@router.get("/jobs/{job_id}", response_model=JobView, responses=problem_responses(403, 404))
def get_job(job_id: str, _: AdminDep, ctx: ContextDep) -> JobView:
    """Admin only: an upload or delete job's status (queued, running, done, failed or cancelled), why it failed
    (a file it could not read, or the time or memory limit it went over), and its peak memory."""
    return _view(ctx.jobs.get(job_id))


@router.delete("/jobs/{job_id}", response_model=JobView, responses=problem_responses(403, 404, 409))
def cancel_job(job_id: str, _: AdminDep, ctx: ContextDep) -> JobView:
    """Admin only. Cancels a queued job (its uploaded file is discarded), or stops a running one: its process is
    killed and the index, the uploaded files and their access stay as they were before the job (`cancelled`). A job
    that had already committed its change answers `done`; a finished job answers 409."""
    return _view(ctx.jobs.cancel(job_id))


@router.get("/documents/{doc_id:path}/pages/{page}", response_model=PageText, responses=ERRORS)
def page_text(doc_id: str, page: int, principal: PrincipalDep, ctx: ContextDep) -> PageText:
    """The text of one page of a document, as indexed: what a citation's page number points to."""
    text = ctx.service.page_text(doc_id, page, principal)
    ctx.read(principal, "page-text", [source_label(doc_id, page)])
    return PageText(doc_id=doc_id, page=page, text=text)


@router.get(
    "/documents/{doc_id:path}/file",
    response_class=FileResponse,
    responses={**ERRORS, 200: {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
)
def download(
    doc_id: str,
    principal: PrincipalDep,
    ctx: ContextDep,
    request: Request,
    download: Annotated[bool, Query(description="Save the file (attachment) instead of showing it in the browser.")] = False,
) -> FileResponse:
    """The original file, shown in the browser (`inline`) so that a PDF link ending in `#page=N` opens at that page;
    `?download=true` saves it instead. HEAD (`curl -I`) gives the same headers without the body."""
    path = original_file(ctx.service, doc_id, principal)
    if request.method != "HEAD":  # headers reveal no content
        ctx.read(principal, "file", [doc_id])
    return FileResponse(path, filename=path.name, content_disposition_type="attachment" if download else "inline")


router.head("/documents/{doc_id:path}/file", response_class=FileResponse, responses=ERRORS)(download)


@router.get("/documents/{doc_id:path}", response_model=DocumentMeta, responses=ERRORS)
def get_document(doc_id: str, principal: PrincipalDep, ctx: ContextDep) -> DocumentMeta:
    """One document's metadata."""
    return ctx.service.document(doc_id, principal)


@router.delete("/documents/{doc_id:path}", status_code=202, response_model=JobView, responses=problem_responses(403, 404))
def delete_document(doc_id: str, principal: AdminDep, ctx: ContextDep) -> JobView:
    """Admin only: remove a document from the index (an uploaded original goes with it), in the background; poll the
    returned job."""
    meta = ctx.service.document(doc_id, principal)
    return _view(ctx.jobs.submit("delete", meta.doc_id))
