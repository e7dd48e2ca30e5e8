"""Documents: list, metadata, page text (the citation viewer), original file; upload and delete (admin) queue
ingest jobs polled at ``/api/v1/jobs/{id}``. A document the caller may not see answers 404 everywhere, exactly as a
document that does not exist."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from api.deps import AdminDep, ContextDep, PrincipalDep
from api.problems import problem_responses
from api.schemas import DocumentList, JobView, PageText
from ingest.jobs import Job
from assistant.models import DocumentMeta
from ingest.uploads import original_file, save_upload

router = APIRouter(prefix="/api/v1", tags=["documents"])
ERRORS = problem_responses(404)


def _view(job: Job) -> JobView:
    return JobView.model_validate(job.model_dump(exclude={"upload"}))


@router.get("/documents", response_model=DocumentList, responses=ERRORS)
def list_documents(principal: PrincipalDep, ctx: ContextDep) -> DocumentList:
    return DocumentList(documents=ctx.service.documents(principal))


@router.post("/documents", status_code=202, response_model=JobView, responses=problem_responses(403, 409, 415))
async def upload_document(
    file: Annotated[UploadFile, File(description="A .pdf, .docx, .txt or .md file, checked by content.")],
    principal: AdminDep,
    ctx: ContextDep,
    access: Annotated[str | None, Form(max_length=200, description="public, internal or restricted:<group>[,<group>]")] = None,
) -> JobView:
    """Admin only. The file is checked and stored, then ingested in the background; poll the returned job."""
    data = await file.read()
    roots = await run_in_threadpool(ctx.service.records.document_roots)
    upload = await run_in_threadpool(save_upload, file.filename or "", data, ctx.settings, access, roots)
    return _view(ctx.jobs.submit("ingest", upload.name, upload))


@router.get("/jobs/{job_id}", response_model=JobView, responses=problem_responses(403, 404))
def get_job(job_id: str, _: AdminDep, ctx: ContextDep) -> JobView:
    return _view(ctx.jobs.get(job_id))


@router.get("/documents/{doc_id:path}/pages/{page}", response_model=PageText, responses=ERRORS)
def page_text(doc_id: str, page: int, principal: PrincipalDep, ctx: ContextDep) -> PageText:
    return PageText(doc_id=doc_id, page=page, text=ctx.service.page_text(doc_id, page, principal))


@router.get(
    "/documents/{doc_id:path}/file",
    response_class=FileResponse,
    responses={**ERRORS, 200: {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
)
def download(doc_id: str, principal: PrincipalDep, ctx: ContextDep) -> FileResponse:
    """HEAD (`curl -I`) gives the same headers without the body, after the same access check."""
    path = original_file(ctx.service, doc_id, principal)
    return FileResponse(path, filename=path.name)


router.head("/documents/{doc_id:path}/file", response_class=FileResponse, responses=ERRORS)(download)


@router.get("/documents/{doc_id:path}", response_model=DocumentMeta, responses=ERRORS)
def get_document(doc_id: str, principal: PrincipalDep, ctx: ContextDep) -> DocumentMeta:
    return ctx.service.document(doc_id, principal)


@router.delete("/documents/{doc_id:path}", status_code=202, response_model=JobView, responses=problem_responses(403, 404))
def delete_document(doc_id: str, principal: AdminDep, ctx: ContextDep) -> JobView:
    meta = ctx.service.document(doc_id, principal)
    return _view(ctx.jobs.submit("delete", meta.doc_id))
