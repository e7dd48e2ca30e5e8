"""Settings that cannot work together are refused when read, with the variables named."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.config import Settings


def test_an_llm_timeout_as_long_as_the_request_is_refused() -> None:
    with pytest.raises(ValidationError, match="ASSISTANT_LLM_TIMEOUT_S .* ASSISTANT_REQUEST_TIMEOUT_S"):
        Settings(llm_timeout_s=120, request_timeout_s=120)
    assert Settings(llm_timeout_s=60, request_timeout_s=120).llm_timeout_s == 60


def test_every_setting_says_what_it_does_and_the_configuration_page_lists_it() -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    assert [name for name, field in Settings.model_fields.items() if not (field.description or "").strip()] == []
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "settings_table.py"), "--check"],  # noqa: S603
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
