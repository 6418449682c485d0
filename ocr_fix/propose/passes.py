"""The automatic fix as repeated passes, expressed as proposals on the original text.

One correction can enable another (a corrected word becomes evidence for its neighbour), so `fix`
runs passes until nothing more is applied. A later pass reads again only the lines the previous
pass edited, looks for findings only around its edits, and looks again at a finding still open only
where the document evidence its verdict weighed has changed (a candidate now written elsewhere, or
beside its neighbour). Elsewhere nothing changed, and a full pass would repeat the previous one's
verdicts there, so the result is that of full passes at a fraction of their cost.

The edits of later passes are mapped back onto the original text (merged with the earlier edit where
they touch it), so accepting exactly the automatic proposals in a review file reproduces `fix`'s
output, and `fix` on its own output changes nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ocr_fix.document import Document
from ocr_fix.proposal import AUTO, Proposal
from ocr_fix.propose.engine import Examined, apply_proposals, automatic, propose_pass
from ocr_fix.readings import EngineReadings
from ocr_fix.session import Resources

MAX_PASSES = 5  # a pass that applies nothing ends the loop; this only bounds pathological cases


def compose(text: str, first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Edits of `text` equal to applying `first`, then `second` (given in the intermediate's offsets).

    Both lists are sorted and non-overlapping. A second edit that touches a span the first changed
    is merged with it into one edit of the original text; untouched edits come out unchanged.
    """
    intermediate, spans = _applied(text, first)
    original = _to_original(spans)
    seconds = iter(second)
    pending = next(seconds, None)
    out = []
    for group in _touching(spans, second):
        g0, g1 = group[0][0], max(x[1] for x in group)
        firsts = [x for x in group if x[2] is not None]
        # map the group's ends back to the original text
        o0 = next((x[2] for x in firsts if x[0] == g0), None)
        if o0 is None:
            o0 = original(g0)
        o1 = next((x[3] for x in firsts if x[1] == g1), None)
        if o1 is None:
            o1 = original(g1)
        pieces, position = [], g0
        while pending is not None and pending[0] < g1 or pending is not None and pending[0] == g1 and pending[1] == g1 \
                and any(x[2] is None and x[0] == g1 for x in group):
            start, end, replacement = pending
            pieces.append(intermediate[position:start])
            pieces.append(replacement)
            position = end
            pending = next(seconds, None)
        pieces.append(intermediate[position:g1])
        out.append((o0, o1, "".join(pieces)))
    return out


def _applied(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The text with `edits` applied, and each edit's span there with its span in `text`."""
    intermediate_parts, position = [], 0
    spans = []  # the edits' spans in the intermediate text, with their original spans
    shift = 0
    for start, end, replacement in edits:
        intermediate_parts.append(text[position:start])
        intermediate_parts.append(replacement)
        position = end
        spans.append((start + shift, start + shift + len(replacement), start, end))
        shift += len(replacement) - (end - start)
    intermediate_parts.append(text[position:])
    return "".join(intermediate_parts), spans


def _touching(spans: list[tuple[int, int, int, int]], second: list[tuple[int, int, str]]) -> list[list[tuple]]:
    """Every changed interval of the intermediate text: (start, end, original start, original end)
    for a first edit, (start, end, None, None) for a second one; touching intervals grouped, each
    group one edit."""
    intervals = sorted([(m0, m1, o0, o1) for m0, m1, o0, o1 in spans] +
                       [(s2, e2, None, None) for s2, e2, _r in second], key=lambda x: (x[0], x[1]))
    groups: list[list[tuple]] = []
    reach = -1
    for interval in intervals:
        if groups and interval[0] <= reach:
            groups[-1].append(interval)
            reach = max(reach, interval[1])
        else:
            groups.append([interval])
            reach = interval[1]
    return groups


def _to_original(spans: list[tuple[int, int, int, int]]):
    """A point of the intermediate text outside the first edits, as an offset of the original text."""
    # shift of the intermediate against the original before a point: a prefix sum over first edits
    ends = [m1 for _m0, m1, _a, _b in spans]
    shifts = [0]
    for m0, m1, a, b in spans:
        shifts.append(shifts[-1] + (m1 - m0) - (b - a))

    def original(point: int) -> int:
        return point - shifts[bisect_right(ends, point)]

    return original


# How far, in tokens, an edit can change what the rules and the ranking make of the words around
# it: grammar looks a few words back, phrases and names span a few words.
EDIT_REACH = 8  # tokens: four words with the spaces between them


def _focus_after(applied: list[Proposal], examined: list[Examined]) -> tuple[list[tuple[int, int, int]], list[Examined]]:
    """Where the next pass must look, in the edited text's offsets: around every edit just applied;
    and the findings of this pass, to look at again where new evidence from the edits may settle them.

    Elsewhere nothing changed, so a full pass would find there what this one found: nothing it
    could apply. That keeps `fix` on its own output a no-op while later passes stay cheap.
    """
    ends = [p.end for p in applied]
    shifts = [0]  # how far the edits before each one moved the text
    for p in applied:
        shifts.append(shifts[-1] + len(p.replacement) - (p.end - p.start))

    def moved(offset: int) -> int:
        return offset + shifts[bisect_right(ends, offset)]

    spans = []
    for k, p in enumerate(applied):
        start = p.start + shifts[k]
        spans.append((start, start + len(p.replacement), EDIT_REACH))
    # made without the named tuple's `_replace` (a keyword call for each of thousands of findings)
    make = tuple.__new__
    return spans, [make(Examined, (moved(e[0]), moved(e[1])) + e[2:]) for e in examined]


def _clear_of(spans: list[Proposal]):
    """A test of whether a proposal overlaps none of `spans` (sorted, non-overlapping). Only the last
    span starting before the proposal's end can reach into it: the spans' ends rise with their starts."""
    starts = [p.start for p in spans]

    def clear(proposal: Proposal) -> bool:
        i = bisect_left(starts, proposal.end)
        return i == 0 or spans[i - 1].end <= proposal.start

    return clear


def _combined(text: str, auto: list[Proposal], edits: list[tuple[int, int, str]]) -> list[Proposal]:
    """The edits of all passes as proposals: a first pass's own where it stands alone, else one
    edit made of the first pass's proposals inside it and the later ones."""
    by_span = {(p.start, p.end, p.replacement): p for p in auto}
    # the first pass's proposals are in text order and do not overlap, so their ends rise with their
    # starts: those inside an edit follow one another from the first starting in it
    starts = [p.start for p in auto]
    combined = []
    for start, end, replacement in edits:
        if (start, end, replacement) in by_span:
            combined.append(by_span[(start, end, replacement)])
            continue
        inside, i = [], bisect_left(starts, start)
        while i < len(auto) and auto[i].end <= end:
            inside.append(auto[i])
            i += 1
        rules = sorted({p.rule for p in inside}) or ["follow-up"]
        explanation = "; ".join(p.explanation for p in inside) or \
            "a correction made possible by the corrections around it"
        score = min((p.score for p in inside), default=0.5)
        combined.append(Proposal(start, end, text[start:end], replacement, score, ",".join(rules), explanation, AUTO))
    return combined


def fix_passes(text: str, resources: Resources, translation: str | None = None,
               join_hyphenation: bool = False, readings: EngineReadings | None = None,
               archive=None, learnt=None) -> tuple[str, list[Proposal]]:
    """The fully corrected text and all proposals on the original text (automatic ones combined);
    `readings` are the OCR engine's, when the text came from an OCR file. `archive` is the evidence of
    an archive's profile for this text (`ocr_fix.archive.profile.ArchiveView`), `learnt` the decisions
    of its reviews (`ocr_fix.archive.decisions.Learnt`)."""
    document = None if readings is None else Document(text, readings=readings)
    first_pass = propose_pass(text, resources, translation, join_hyphenation=join_hyphenation, document=document,
                              archive=archive, learnt=learnt)
    first = first_pass.proposals
    auto = automatic(first)
    edits = [(p.start, p.end, p.replacement) for p in auto]
    current = apply_proposals(text, auto)
    # the edited text is read again only where the edits changed it
    document = first_pass.document.edited(edits)
    focus, reopen = _focus_after(auto, first_pass.examined)
    evidence = first_pass.evidence
    later: list[Proposal] = []
    for _ in range(MAX_PASSES - 1):
        next_pass = propose_pass(current, resources, translation, join_hyphenation=join_hyphenation, focus=focus,
                                 reopen=reopen, before=evidence, document=document, archive=archive, learnt=learnt)
        more = automatic(next_pass.proposals)
        if not more:
            break
        step = [(p.start, p.end, p.replacement) for p in more]
        edits = compose(text, edits, step)
        current = apply_proposals(current, more)
        document = next_pass.document.edited(step)
        focus, reopen = _focus_after(more, next_pass.examined)
        evidence = next_pass.evidence
        later.extend(more)
    combined = _combined(text, auto, edits) if later else auto
    clear = _clear_of(combined)
    others = [p for p in first if p.bin != AUTO and clear(p)]
    proposals = sorted(combined + others, key=lambda p: (p.start, p.end))
    return current, proposals
