"""Word alignment of a hypothesis against a reference, for word-level measures.

A reference word counts as right when the aligned hypothesis word is identical (JamSpell's
fixed/broken measures are built on this).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein


def align_words(reference: Sequence[str], hypothesis: Sequence[str]) -> list[int | None]:
    """For each reference word, the index of the hypothesis word aligned to it, or None if deleted."""
    aligned: list[int | None] = [None] * len(reference)
    for op in Levenshtein.opcodes(list(reference), list(hypothesis)):
        if op.tag in ("equal", "replace"):
            for k in range(op.src_end - op.src_start):
                j = op.dest_start + k
                if j < op.dest_end:
                    aligned[op.src_start + k] = j
    return aligned


def hypothesis_word_status(reference: Sequence[str], hypothesis: Sequence[str]) -> list[bool]:
    """For each hypothesis word, whether it equals the reference word it is aligned to."""
    right = [False] * len(hypothesis)
    for ref_index, hyp_index in enumerate(align_words(reference, hypothesis)):
        if hyp_index is not None and reference[ref_index] == hypothesis[hyp_index]:
            right[hyp_index] = True
    return right


def reference_word_status(reference: Sequence[str], hypothesis: Sequence[str]) -> list[bool]:
    """For each reference word, whether the hypothesis word aligned to it is identical."""
    return [
        hyp_index is not None and reference[ref_index] == hypothesis[hyp_index]
        for ref_index, hyp_index in enumerate(align_words(reference, hypothesis))
    ]
