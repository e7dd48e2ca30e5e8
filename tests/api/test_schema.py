"""schemathesis against the app's own OpenAPI schema: no 5xx, every response matching its documented schema and
content type. Mutating operations (upload, delete) are left out: test_uploads covers them on a throwaway index."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
MAX_EXAMPLES = 8


def schema_failures(app: FastAPI, max_examples: int = MAX_EXAMPLES) -> list[str]:
    """Runs every read or question operation; returns one line per operation that failed a check."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(method="DELETE").exclude(
        path="/api/v1/documents", method="POST"
    )
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case) -> None:  # noqa: ANN001
            case.call_and_validate(checks=CHECKS)

        try:
            check()
        except Exception as exc:  # collect every operation's failure, not just the first
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert operations >= 10, f"only {operations} operations in the schema"
    return failures


def test_api_conforms_to_its_schema(corpus_app: FastAPI, corpus_client: TestClient) -> None:  # the client runs the lifespan
    failures = schema_failures(corpus_app)
    assert not failures, "\n\n".join(failures)
