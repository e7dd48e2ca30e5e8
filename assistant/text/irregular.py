"""English irregular verbs: 'How much did they spend?' is answered by 'spent', 'Who leads?' by 'led', and no
suffix strip meets them. Each past form maps to its base, so matching and BM25 treat them as one word.

Forms that are common words of another meaning are left out ('found' a city, 'left' side, 'rose', 'fell',
'saw', 'lay', 'bore', 'spoke', 'ground', 'wound'), as are verbs whose forms are their base ('set', 'cost', 'put').
"""

from __future__ import annotations

from functools import lru_cache

# base: past and participle forms
_VERBS = """
arise arose arisen; become became; begin began begun; bring brought; build built; buy bought; catch caught;
choose chose chosen; come came; deal dealt; do did done; draw drew drawn; drive drove driven; eat ate eaten;
fight fought; fly flew flown; forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven;
freeze froze frozen; get got gotten; give gave given; go went gone; grow grew grown; hang hung; have had;
hear heard; hide hid hidden; hold held; keep kept; know knew known; lead led; lend lent; lose lost; make made;
mean meant; meet met; overcome overcame; pay paid; ride rode ridden; ring rang rung; rise risen; run ran;
say said; see seen; seek sought; sell sold; send sent; shake shook shaken; shine shone; shoot shot; show shown;
sing sang sung; sit sat; sleep slept; speak spoken; spend spent; stand stood; steal stole stolen; stick stuck;
strike struck; strive strove striven; swear swore sworn; take took taken; teach taught; tear tore torn;
tell told; think thought; throw threw thrown; undergo underwent undergone; understand understood;
undertake undertook undertaken; wake woke woken; wear wore worn; win won; withdraw withdrew withdrawn;
write wrote written
"""


@lru_cache(maxsize=1)
def _base_of() -> dict[str, str]:
    bases: dict[str, str] = {}
    for entry in _VERBS.split(";"):
        base, *forms = entry.split()
        for form in forms:
            bases[form] = base
    return bases


@lru_cache(maxsize=1)
def _forms_of() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for form, base in _base_of().items():
        forms.setdefault(base, []).append(form)
    return {base: tuple(found) for base, found in forms.items()}


def base_form(word: str) -> str | None:
    """'spent' -> 'spend'; None for a word that is no irregular past form."""
    return _base_of().get(word)


def past_forms(word: str) -> tuple[str, ...]:
    """'spend' -> ('spent',): the forms BM25's stemmer will not reach from the base."""
    return _forms_of().get(word, ())
