"""How a correction pass changes quality over (OCR, gold) pairs: CER/WER before and after, words fixed
and broken, documents made worse.

A reference word is right when the word aligned to it is identical (see align.py). `fixed` counts
gold words that were wrong in the OCR and right after the pass; `broken` counts gold words that were
right and became wrong (JamSpell's measure). A pass that breaks more than it fixes is worse than no
pass. Totals pool the counts of all pairs, as ../shared/tools/score.py does; a share over zero words
is 0.0, and the improvement is undefined (None) when the OCR had no character errors to remove.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from ocr_fix.errors import OcrFixError
from ocr_fix.quality.score import Counts, Normalization, Score, score

OCR_SUFFIX = ".ocr.txt"
GOLD_SUFFIX = ".gold.txt"


def improvement(before: float, after: float) -> float | None:
    return (before - after) / before if before else None


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class WordChanges:
    total: int  # gold words
    right_before: int
    fixed: int  # wrong before, right after
    broken: int  # right before, wrong after

    @property
    def wrong_before(self) -> int:
        return self.total - self.right_before

    @property
    def fixed_share(self) -> float:
        return share(self.fixed, self.wrong_before)

    @property
    def broken_share(self) -> float:
        return share(self.broken, self.right_before)

    def __add__(self, other: WordChanges) -> WordChanges:
        return WordChanges(self.total + other.total, self.right_before + other.right_before,
                           self.fixed + other.fixed, self.broken + other.broken)

    def as_dict(self) -> dict:
        return {"total": self.total, "right_before": self.right_before, "fixed": self.fixed,
                "broken": self.broken, "fixed_share": self.fixed_share, "broken_share": self.broken_share}


def word_changes(before: Score, after: Score) -> WordChanges:
    pairs = list(zip(before.word_right, after.word_right))
    return WordChanges(len(pairs), sum(b for b, _ in pairs), sum(1 for b, a in pairs if not b and a),
                       sum(1 for b, a in pairs if b and not a))


@dataclass(frozen=True)
class PairResult:
    name: str
    before: Score  # the OCR against the gold
    after: Score  # the corrected text against the gold
    words: WordChanges

    @property
    def improvement(self) -> float | None:
        return improvement(self.before.cer, self.after.cer)

    @property
    def worse(self) -> bool:
        return self.after.chars.edits > self.before.chars.edits

    def figures(self) -> dict:
        return {"cer_before": self.before.cer, "cer_after": self.after.cer, "improvement": self.improvement,
                "wer_before": self.before.wer, "wer_after": self.after.wer,
                "fixed": self.words.fixed, "broken": self.words.broken,
                "fixed_share": self.words.fixed_share, "broken_share": self.words.broken_share,
                "worse": self.worse}

    def as_dict(self) -> dict:
        return {"name": self.name, **self.figures(), "words": self.words.as_dict(),
                "chars_before": self.before.chars.as_dict(), "chars_after": self.after.chars.as_dict(),
                "words_before": self.before.words.as_dict(), "words_after": self.after.words.as_dict()}


@dataclass(frozen=True)
class Evaluation:
    pairs: tuple[PairResult, ...]
    normalization: Normalization

    def _sum(self, attribute: str, which: str) -> Counts:
        total = Counts(0, 0)
        for pair in self.pairs:
            total = total + getattr(getattr(pair, which), attribute)
        return total

    @property
    def words(self) -> WordChanges:
        total = WordChanges(0, 0, 0, 0)
        for pair in self.pairs:
            total = total + pair.words
        return total

    def figures(self) -> dict:
        cer_before, cer_after = self._sum("chars", "before").rate, self._sum("chars", "after").rate
        words = self.words
        return {"documents": len(self.pairs), "cer_before": cer_before, "cer_after": cer_after,
                "improvement": improvement(cer_before, cer_after),
                "wer_before": self._sum("words", "before").rate, "wer_after": self._sum("words", "after").rate,
                "fixed": words.fixed, "broken": words.broken,
                "fixed_share": words.fixed_share, "broken_share": words.broken_share,
                "documents_worse": sum(1 for p in self.pairs if p.worse)}

    def as_dict(self) -> dict:
        return {"summary": self.figures(), "normalization": asdict(self.normalization),
                "documents": [p.as_dict() for p in self.pairs]}


def evaluate_pair(name: str, ocr: str, gold: str, correct: Callable[[str], str],
                  normalization: Normalization = Normalization()) -> PairResult:
    before = score(gold, ocr, normalization)
    after = score(gold, correct(ocr), normalization)
    return PairResult(name, before, after, word_changes(before, after))


def evaluate(pairs: Iterable[tuple[str, str, str]], correct: Callable[[str], str],
             normalization: Normalization = Normalization()) -> Evaluation:
    """Run `correct` over each (name, ocr, gold) and score the text before and after."""
    return Evaluation(tuple(evaluate_pair(name, ocr, gold, correct, normalization) for name, ocr, gold in pairs),
                      normalization)


def evaluate_outputs(items: Iterable[tuple[str, str, str, str]],
                     normalization: Normalization = Normalization()) -> Evaluation:
    """Score (name, ocr, gold, corrected) texts whose correction was made earlier (by `fix --out-dir`,
    or by another tool), before and after, without running the pass again."""
    return Evaluation(tuple(evaluate_pair(name, ocr, gold, lambda _text, done=corrected: done, normalization)
                            for name, ocr, gold, corrected in items), normalization)


def match_folders(truth: Path, *others: Path) -> list[tuple[Path, ...]]:
    """(name, file in `truth`, the file of the same name in each of `others`) for every .txt file under
    the ground-truth folder, in name order: the layout OCR evaluation tools use (gt/ and ocr/ side by
    side). A ground-truth file without its counterpart is an error naming it."""
    from ocr_fix.folders import collect

    for folder in (truth, *others):
        if not folder.is_dir():
            raise OcrFixError("is not a folder", str(folder))
    matched = []
    for gold, relative in collect([truth]):
        counterparts = [folder / relative for folder in others]
        for counterpart in counterparts:
            if not counterpart.is_file():
                raise OcrFixError(f"has no file of the same name in {counterpart.parent} ({counterpart.name})",
                                  str(gold))
        matched.append((Path(relative), gold, *counterparts))
    return matched


def find_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """(name, ocr path, gold path) for every NAME.ocr.txt with its NAME.gold.txt, sorted by name."""
    if not folder.is_dir():
        raise OcrFixError("is not a folder", str(folder))
    pairs = []
    for ocr in sorted(folder.glob("*" + OCR_SUFFIX)):
        name = ocr.name[: -len(OCR_SUFFIX)]
        gold = folder / (name + GOLD_SUFFIX)
        if not gold.exists():
            raise OcrFixError(f"has no gold text {gold.name} next to it", str(ocr))
        pairs.append((name, ocr, gold))
    if not pairs:
        raise OcrFixError(f"no NAME{OCR_SUFFIX} / NAME{GOLD_SUFFIX} pairs in this folder", str(folder))
    return pairs
