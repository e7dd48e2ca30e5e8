"""schemathesis against the app's own OpenAPI schema: no 5xx, every response matching its documented schema.
Mutating operations (upload, delete) are left out: they are covered in test_uploads on a throwaway index."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(corpus_app: FastAPI, corpus_client):  # noqa: ANN001, ANN201 - corpus_client runs the lifespan
    return schemathesis.openapi.from_asgi("/openapi.json", corpus_app).exclude(method=["DELETE"]).exclude(
        path="/api/v1/documents", method="POST"
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case) -> None:  # noqa: ANN001
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
