"""A Thai spelling of a Latin name is that name: made-up names, so no corpus entity is named."""

from __future__ import annotations

import pytest

from assistant.text.normalise import tokenize
from assistant.text.transliteration import latin_names, same_name, spelled_names


@pytest.mark.parametrize(("thai", "latin"), [
    ("ดันมอร์", "Dunmore"),  # a silent final 'r' written all the same ('ร์')
    ("ทาร์โลว์", "Tarlow"),
    ("เวลโมรา", "Velmora"),  # 'v' written 'ว'
    ("ทาฟริน", "Tavrin"),  # 'v' written 'ฟ'
    ("เพลล์มัวร์", "Pellmoor"),  # the 'ว' of 'ัว' is a vowel
    ("พันธวี", "Phanthawi"),  # 'ph', 'th': one consonant each
    ("แอมเบรอคูร์", "Ambrecourt"),  # all consonants but the final 't'
])
def test_a_thai_spelling_is_the_latin_name(thai: str, latin: str) -> None:
    assert same_name(thai, latin)


@pytest.mark.parametrize(("thai", "latin"), [
    ("ดันมอร์", "Tarlow"),
    ("เวลโมรา", "Vernon"),
    ("ทาฟริน", "Tamworth"),
])
def test_another_name_is_not(thai: str, latin: str) -> None:
    assert not same_name(thai, latin)


def test_a_name_cut_in_syllables_is_found_whole_among_the_question_words() -> None:
    """The segmenter cuts a name it does not know ('ทา|ฟ|ริน'): the run of syllables is the name. A common word is
    no name, though its consonants agree ('ระหว่าง' with 'Orawan')."""
    names = latin_names(["The City of Tavrin and the City of Pellmoor agree to cooperate.", "Ms. Orawan Dee signed."])
    tokens = tokenize("เมืองทาฟรินและเพลล์มัวร์ร่วมมือกันในด้านใดบ้าง")
    found = {"".join(tokens[first:end]): name for (first, end), name in spelled_names(tokens, names).items()}
    assert found == {"ทาฟริน": "Tavrin", "เพลล์มัวร์": "Pellmoor"}, found
    assert not spelled_names(tokenize("ความร่วมมือระหว่างสองเมือง"), names)
