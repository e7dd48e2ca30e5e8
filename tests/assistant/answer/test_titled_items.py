"""A list whose items are titles, each followed by its explanation ('... a few key pillars.' then 'Clean Harbours.',
what it means, 'Open Markets.', ...): the answer lists the titles under the sentence that announces them. A made-up
document, so no gold question or corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.conftest import made_up_service

_PILLARS = ["Clean Harbours.", "Open Markets.", "Shared Data."]
_BODIES = [
    ("Every port district should cut the waste that reaches the water, and report its progress in a public "
     "register that residents can read and question at the yearly hearing."),
    ("Traders from member towns should be able to sell across the region without separate licences, so that small "
     "firms can reach buyers far beyond their own district and grow."),
    ("Member towns should publish the figures they collect in one agreed format, so that others can learn from "
     "them and compare their own results without paying for private studies."),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    sections = "\n\n".join(f"{title}\n\n{body}" for title, body in zip(_PILLARS, _BODIES, strict=True))
    return made_up_service(tmp_path_factory, "titled", {
        "coastal-compact.md":
            "# The Coastal Towns Compact\n\n"
            "The compact sets out how the member towns of the coast will work together over the next ten years, "
            "which of their plans they will fund in common, and how each town reports what it has done to the "
            "others.\n\n## Pillars\n\n"
            "The cooperation of the member towns and their joint projects will rest on a few key pillars.\n\n"
            f"{sections}\n",
    })


def test_a_list_of_titled_items_is_answered_with_its_titles(service: AssistantService) -> None:
    answer = service.ask("What key pillars will the joint projects of the member towns rest on?", mode="extractive")
    assert answer.found, answer.answer
    lines = answer.answer.splitlines()
    items = [line for line in lines if line.startswith("- ")]
    assert "pillars" in lines[0], answer.answer  # the announcing sentence leads
    for title in _PILLARS:
        assert any(title.rstrip(".") in item for item in items), answer.answer
