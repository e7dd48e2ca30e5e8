"""AnswerSlots admits waiters in arrival order and never more than its slots at once."""

from __future__ import annotations

import threading
import time

from assistant.answer_slots import AnswerSlots


def test_waiters_are_admitted_in_arrival_order_and_never_exceed_the_slots() -> None:
    slots = AnswerSlots(1)
    order: list[int] = []
    inside = 0
    most_inside = 0
    guard = threading.Lock()

    def work(n: int) -> None:
        nonlocal inside, most_inside
        with slots.slot():
            with guard:
                inside += 1
                most_inside = max(most_inside, inside)
                order.append(n)
            time.sleep(0.01)
            with guard:
                inside -= 1

    threads = []
    with slots.slot():  # hold the only slot while the others queue up, one after another
        for n in range(8):
            thread = threading.Thread(target=work, args=(n,))
            thread.start()
            threads.append(thread)
            while slots.waiting < n + 1:
                time.sleep(0.001)
    for thread in threads:
        thread.join(timeout=10)
    assert order == list(range(8))
    assert most_inside == 1
    assert slots.waiting == 0
