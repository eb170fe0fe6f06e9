"""Reading once per batch: inside ``een_batch`` an answer is kept, outside every call reads afresh."""

from __future__ import annotations

from resultaat.core.batch import een_batch, onthouden


def test_an_answer_is_kept_for_the_batch_only():
    gelezen: list[int] = []

    def lees() -> int:
        gelezen.append(1)
        return len(gelezen)

    assert (onthouden(("a",), lees), onthouden(("a",), lees)) == (1, 2)
    with een_batch():
        assert (onthouden(("a",), lees), onthouden(("a",), lees), onthouden(("b",), lees)) == (3, 3, 4)
    assert onthouden(("a",), lees) == 5
