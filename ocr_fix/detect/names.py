"""Name rules: runs of capitalised words read as names and checked against the name lexicons.

Telegrams of the period write names in capitals (МАО ЦЗЕ-ДУН, КИМ ИР СЕНОМ). A run of capitalised
words is matched against the lexicon names with their case forms; what does not match is checked
for resemblance to a known name under the OCR confusion model (`МАС` for `МАО`) and, for Chinese
and Korean names, for being made of real syllables. A valid name the lexicons simply lack is left
alone: not knowing a name is not evidence of an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ocr_fix.detect.context import Context
from ocr_fix.detect.registry import rule, word_kind
from ocr_fix.confusion import weighted_distance
from ocr_fix.lexicon.store import Name
from ocr_fix.names.korean import is_korean_syllable
from ocr_fix.names.matching import NameIndex
from ocr_fix.tokens import Kind

_CAPITAL_WORD = regex.compile(r"[\p{Lu}\p{M}]+(?:-[\p{Lu}\p{M}]+)*")
_CHINESE_MARKS = regex.compile(r"цз|чж|сю|цю|цзю|чэ|шэ|жэ|сэ|цэ|дэ|тэ|лэ|нэ|гэ|хэ|кэ|эй|эн|ань|энь|инь|юнь|ао$|ьу", regex.I)


# Words that stand before a person's name: `тов. X`, `товарищу X`, `маршал X`.
TITLE_WORD = regex.compile(
    r"(?i)тов|т|товарищ(?:а|у|ем|ей|ами|ам|и)?|г-н|господин(?:а|у|ом)?|маршал(?:а|у|ом)?|генерал(?:а|у|ом)?")


_CYRILLIC_LETTER = regex.compile(r"\p{Script=Cyrillic}")
_RUN_GAP = regex.compile(r"[ \t]*(?:\r?\n)?[ \t]*")  # what may stand between the words of a name
_ONE_LETTER = regex.compile(r"\p{L}")


@dataclass
class NameRun:
    tokens: list[int]  # word token indices, in order
    matched: set[int]  # tokens that belong to a lexicon name
    names: list[Name]  # the lexicon names matched in the run
    flagged: bool = False


@word_kind(small_letters=False)
def _capitalised(ctx: Context, text: str) -> bool:
    """A word in capitals with a Cyrillic letter (`МАО`, `ЦЗЕ-ДУН`)."""
    return not text[:1].islower() and _CAPITAL_WORD.fullmatch(text) is not None and \
        _CYRILLIC_LETTER.search(text) is not None


def capital_runs(ctx: Context) -> list[list[int]]:
    """Runs of capitalised words with only spaces (or one line break) between them."""
    # Runs are found in the whole text even in a focused pass: a name is judged as a whole. Any other
    # word between two capitalised ones stands in the gap between them, and so ends the run.
    return word_runs(ctx.doc, ctx.open_words_everywhere(_capitalised))


def word_runs(doc, indices: list[int]) -> list[list[int]]:
    """The words at `indices` (in text order) in runs, neighbours with only spaces (or one line break)
    between them: the words a name may be written in."""
    runs: list[list[int]] = []
    last_end = 0
    for i in indices:
        tok = doc.tokens[i]
        if runs and _RUN_GAP.fullmatch(doc.text, last_end, tok.start):
            runs[-1].append(i)
        else:
            runs.append([i])
        last_end = tok.end
    return runs


def _match_names(ctx: Context, run: list[int]) -> NameRun:
    """Mark the tokens of a run that spell lexicon names (longest names first)."""
    lex = ctx.lexicons
    folded = [ctx.folded(i) for i in run]
    matched: set[int] = set()
    names: list[Name] = []
    pos = 0
    while pos < len(run):
        best: Name | None = None
        for name in lex.name_entries(folded[pos]):
            size = len(name.parts)
            if pos + size > len(run) or (best is not None and size <= len(best.parts)):
                continue
            window = folded[pos : pos + size]
            if window[:-1] == list(name.parts[:-1]) and window[-1] in name.last_forms:
                best = name
        if best is not None:
            matched.update(run[pos : pos + len(best.parts)])
            names.append(best)
            pos += len(best.parts)
        else:
            pos += 1
    return NameRun(run, matched, names)


def _syllable_ok(ctx: Context, folded: str) -> bool:
    palladius = ctx.lexicons.palladius
    pieces = folded.split("-")
    return all(p and (palladius.split(p, 2) is not None or is_korean_syllable(p)) for p in pieces)


def _east_asian(ctx: Context, run: NameRun) -> bool:
    """Whether a run reads as a Chinese or Korean name rather than a heading or an abbreviation."""
    if any(name.is_east_asian for name in run.names):
        return True
    folded = [ctx.folded(i) for i in run.tokens]
    if any(n.is_east_asian for f in folded for n in ctx.lexicons.name_entries(f) if len(f) >= 3 or "-" in f):
        return True  # a part of a known Chinese or Korean name (`ЭНЬ-ЛАЙ` beside a garbled `ЧХОУ`)
    if any("-" in f and not ctx.lookup.is_known(f) and all(2 <= len(p) <= 5 for p in f.split("-"))
           for f in folded):
        return True  # hyphenated syllables: the given name of a Chinese name (`ЦЗЕ-ДУН`, `ЦВР-ДВН`)
    if any(_CHINESE_MARKS.search(f) for f in folded if not ctx.lookup.is_known(f)):
        return True
    return len(folded) >= 2 and all(len(f.replace("-", "")) <= 5 for f in folded) and sum(
        _syllable_ok(ctx, f) for f in folded) >= len(folded) - 1 and not all(
        ctx.lookup.is_known(f) for f in folded)


def _after_title(ctx: Context, index: int) -> bool:
    """`тов. X`, `товарищу X`, `с X`: the slot of a person's name."""
    doc = ctx.doc
    before = doc.significant(index, -1)
    if before is not None and doc.tokens[before].text == ".":
        before = doc.significant(before, -1)
    if before is None or doc.tokens[before].kind is not Kind.WORD:
        return False
    if _ONE_LETTER.fullmatch(doc.tokens[before].text) and doc.tokens[before + 1].text == ".":
        return True  # after an initial: `А. ГРОМЫКО` (OCR may print the initial in small letters)
    return TITLE_WORD.fullmatch(doc.tokens[before].text) is not None


@rule("name-near-miss", "a capitalised name that resembles a lexicon name but does not match it (`МАС` for `МАО`)",
      order=50, proposer="name")
def name_near_miss(ctx: Context):
    yield from _name_findings(ctx, "near")


@rule("name-syllables", "a Chinese or Korean name not made of valid Palladius or Korean syllables (`ЦВР-ДВН`)",
      order=60, proposer="name")
def name_syllables(ctx: Context):
    yield from _name_findings(ctx, "syllables")


@rule("name-in-garbled-list", "an unknown name in a list of names most of which are garbled",
      order=70, proposer="name")
def name_in_garbled_list(ctx: Context):
    yield from _name_findings(ctx, "list")


def _name_findings(ctx: Context, stage: str):
    # The three name rules share one pass; each yields its own findings when its turn comes.
    state = ctx.__dict__.setdefault("_names", {})
    if "runs" not in state:
        state["runs"] = _analyse(ctx)
    for rule_id, finding_args in state["runs"].get(stage, []):
        first, last, message = finding_args
        yield ctx.finding(rule_id, first, last, message)


@dataclass(frozen=True)
class RunVerdict:
    """What the name rules make of a run of capitalised words, by position in the run: it depends only
    on the run's words and whether a title stands before it, so it is worked out once for each."""

    matched: frozenset[int]  # positions that belong to a lexicon name
    names: tuple[Name, ...]
    flagged: bool
    finding: tuple[str, str, int, int, str] | None  # stage, rule id, first and last position, message
    claim: bool  # a valid name the lexicons lack: its words are no errors


def _analyse(ctx: Context) -> dict[str, list]:
    out: dict[str, list] = {"near": [], "syllables": [], "list": []}
    analysed: list[tuple[list[int], RunVerdict]] = []
    verdicts = ctx.lexicons.caches.memo("names.run_verdicts")
    tokens = ctx.doc.tokens
    for run_tokens in capital_runs(ctx):
        titled = _after_title(ctx, run_tokens[0])
        key = (tuple(tokens[i].text for i in run_tokens), titled)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _judge_run(ctx, run_tokens, titled)
        analysed.append((run_tokens, verdict))
        if verdict.finding is not None:
            stage, rule_id, first, last, message = verdict.finding
            out[stage].append((rule_id, (run_tokens[first], run_tokens[last], message)))
        if verdict.claim:
            ctx.claimed.update(run_tokens)
    out["list"] = _garbled_lists(ctx, analysed)
    return out


def _judge_run(ctx: Context, run_tokens: list[int], titled: bool) -> RunVerdict:
    doc = ctx.doc
    lookup = ctx.lookup
    index = ctx.name_index
    run = _match_names(ctx, run_tokens)
    position = {i: k for k, i in enumerate(run_tokens)}

    def verdict(finding=None, claim=False) -> RunVerdict:
        return RunVerdict(frozenset(position[i] for i in run.matched), tuple(run.names), run.flagged, finding, claim)

    east_asian = _east_asian(ctx, run)
    reasons = []
    partial = partial_name_misses(ctx, run)
    if partial:
        first = min(partial)
        last = max(partial)
        name = partial[first]
        run.flagged = True
        return verdict(("near", "name-near-miss", position[first], position[last],
                        f"part of {name.text.upper()} misspelled: the other parts match it"))
    if not east_asian and not titled:
        return verdict()
    suspicious: list[int] = []
    for i in run_tokens:
        folded = ctx.folded(i)
        if i in run.matched or folded in ctx.lexicons.name_parts:
            continue
        known = lookup.is_known(folded)
        if folded in ctx.lexicons.abbreviations:
            continue
        if known and not east_asian and not (titled and ctx.doc.tokens[i].text.isupper()):
            continue
        suspicious.append(i)
        # A surname is one of a small closed set, so a rare syllable one misreading from a known
        # surname is suspect; a given name is open, so only a close resemblance counts there.
        surname_slot = i == run_tokens[0] and "-" not in folded
        limit = (0.6 if titled else 0.5) if known else 1.0 if surname_slot or not _syllable_ok(ctx, folded) else 0.6
        near = index.near(folded, limit)
        if near:
            match = near[0]
            reasons.append(("near", f"resembles {match.part.upper()} ({match.names[0].text}) but does not match it"))
        elif east_asian and not _syllable_ok(ctx, folded) and not known:
            reasons.append(("syllables", f"{doc.tokens[i].text} is not made of Chinese (Palladius) or Korean syllables"))
    if reasons:
        suspicious = sorted(set(suspicious) | _aligned_misses(ctx, run_tokens, suspicious, index))
        run.flagged = True
        stage, message = reasons[0]
        rule_id = "name-near-miss" if stage == "near" else "name-syllables"
        return verdict((stage, rule_id, position[suspicious[0]], position[suspicious[-1]], message))
    return verdict(claim=east_asian)


def partial_name_misses(ctx: Context, run: NameRun) -> dict[int, Name]:
    """Tokens that spell one part of a lexicon name wrong while its other parts are right
    (`ПОЙ ЕН ГЕНА` for ЦОЙ ЕН ГЕН, `КИМ ДУ ВОН` for КИМ ДУ БОН, `ЧХОУ ЭНЬ-ЛАЙ` for ЧЖОУ ЭНЬ-ЛАЙ)."""
    tokens = run.tokens
    folded = [ctx.folded(i) for i in tokens]
    misses: dict[int, Name] = {}
    for k, form in enumerate(folded):
        if len(form) < 2:
            continue
        for name in ctx.lexicons.name_entries(form):
            if len(name.parts) < 2:
                continue
            slots = [j for j, part in enumerate(name.parts) if form == part or j == len(name.parts) - 1 and form in name.last_forms]
            for slot in slots:
                start = k - slot
                if start < 0 or start + len(name.parts) > len(tokens):
                    continue
                exact, wrong = 0, []
                for j, part in enumerate(name.parts):
                    token = folded[start + j]
                    forms = name.last_forms if j == len(name.parts) - 1 else {part}
                    if token in forms:
                        exact += 1
                    elif min(weighted_distance(f, token) for f in forms) <= 1.0:
                        wrong.append(tokens[start + j])
                    else:
                        break
                else:
                    if wrong and exact * 2 >= len(name.parts) and not any(t in run.matched for t in wrong):
                        for t in wrong:
                            misses.setdefault(t, name)
    return misses


def _aligned_misses(ctx: Context, run: list[int], suspicious: list[int], index: NameIndex) -> set[int]:
    """Tokens beside a garbled one that spell the same lexicon name slightly wrong (`ВО` in `ВО И-ВО`)."""
    extra: set[int] = set()
    for i in suspicious:
        near = index.near(ctx.folded(i), 1.0)
        if not near:
            continue
        name = near[0].names[0]
        k = run.index(i)
        slot = next((j for j, part in enumerate(name.parts) if part == near[0].part), len(name.parts) - 1)
        for j, part in enumerate(name.parts):
            pos = k - slot + j
            if j == slot or not 0 <= pos < len(run):
                continue
            token = ctx.folded(run[pos])
            forms = name.last_forms if j == len(name.parts) - 1 else {part}
            if token not in forms and min(weighted_distance(f, token) for f in forms) <= 0.6:
                extra.add(run[pos])
    return extra


_LIST_SEPARATOR = regex.compile(r"\s*(?:,|и)\s*|\s*,\s*и\s*")


def _garbled_lists(ctx: Context, runs: list[tuple[list[int], RunVerdict]]) -> list:
    """Runs in an enumeration (`X, Y, Z и W`) where at least half the names are garbled."""
    doc = ctx.doc
    groups: list[list[tuple[list[int], RunVerdict]]] = []
    for run in runs:
        if groups:
            previous = groups[-1][-1][0]
            between = doc.text[doc.tokens[previous[-1]].end : doc.tokens[run[0][0]].start]
            if _LIST_SEPARATOR.fullmatch(between):
                groups[-1].append(run)
                continue
        groups.append([run])
    out = []
    for group in groups:
        if len(group) < 3:
            continue
        flagged = sum(verdict.flagged for _tokens, verdict in group)
        if flagged * 2 < len(group):
            continue
        for run_tokens, verdict in group:
            if verdict.flagged or len(verdict.matched) == len(run_tokens) and len(verdict.names) == 1:
                continue
            out.append(("name-in-garbled-list", (run_tokens[0], run_tokens[-1],
                        f"not a known name, in a list where {flagged} of {len(group)} names are garbled")))
    return out
