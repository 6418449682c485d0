"""Archive-wide evidence (`ocr-fix profile`, `--profile`) and learning from review (`ocr-fix learn`,
`--decisions`), on small archives made here from a few short texts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.api import check_text, correct_text
from ocr_fix.archive.decisions import Learnt, read_decisions, render
from ocr_fix.archive.profile import ArchiveView, Profile, text_digest
from ocr_fix.commands.app import app
from ocr_fix.errors import OcrFixError
from ocr_fix.inputs import pass_options
from ocr_fix.learning import learn_review, profile_file
from ocr_fix.review import reviewfile as rf

runner = CliRunner()

# An archive about one man and one place: the name written correctly throughout, and two words of
# its subject the dictionaries treat as misreadings (`фанза` a peasant house, read as `фаза`; `ханшин`
# a spirit, read as `женщин`).
ARCHIVE = [
    "Посол ВАН ЦЗЯ-СЯН посетил меня, фанза у дороги.",
    "Вчера ВАН ЦЗЯ-СЯН сообщил, что фанза закрыта и ханшин продан.",
    "Мы говорили с ВАН ЦЗЯ-СЯНОМ, ханшин отправлен.",
    "Товарищ ВАН ЦЗЯ-СЯН согласен, ханшин отправлен, фанза пуста.",
    "ВАН ЦЗЯ-СЯН доложил, что ханшин есть и фанза цела.",
    "Затем ВАН ЦЗЯ-СЯН уехал в Харбин.",
]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def archive_profile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    for k, text in enumerate(ARCHIVE):
        (folder / f"{k}.txt").write_text(text + "\n", encoding="utf-8")
    out = folder.parent / "archive.profile"
    result = run("profile", folder, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    return out


def _records(texts: list[str], prefix: str = "") -> list:
    return [profile_file((t + "\n").encode("utf-8"), f"{prefix}{k}.txt") for k, t in enumerate(texts)]


def _tables(profile: Profile) -> dict:
    """The profile's content by file name, independent of the file ids."""
    names = {i: name for i, (name, _sha) in enumerate(profile.files)}
    return {kind: {key: {names[f]: n for f, n in files.items()} for key, files in getattr(profile, kind).items()}
            for kind in ("words", "names", "misreadings", "phrases")}


# --- the profile -----------------------------------------------------------------------------------


def test_profile_records_words_names_misreadings_and_phrases():
    record = profile_file("Посол ВАН ЦЗЯ-СЯН посетил Харбин, японских войскак нет.\n".encode(), "a.txt")
    assert record.words["посетил"] == 1 and record.words["войскак"] == 1
    assert "Ван Цзя-сян" in record.names
    assert record.misreadings[("войскак", "войск")] == 1
    assert ("японских", "войск") not in record.phrases  # pairs are of the text as written
    assert record.sha256 == text_digest("Посол ВАН ЦЗЯ-СЯН посетил Харбин, японских войскак нет.\n")


def test_a_name_that_is_also_a_common_word_counts_only_written_as_a_name():
    assert "Или" not in profile_file("Можно ли поручить или решить.\n".encode(), "a.txt").names
    assert "Или" in profile_file("Делегация прибыла на реку Или.\n".encode(), "b.txt").names


def test_profile_file_round_trip_and_format(tmp_path):
    profile = Profile()
    for record in _records(ARCHIVE):
        profile.add(record)
    path = tmp_path / "a.profile"
    profile.save(path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"kind": "profile", "format": 1, "files": len(ARCHIVE)}
    assert {line["kind"] for line in lines} == {"profile", "file", "word", "name", "phrase", "misreading"}
    again = Profile.read(path)
    assert again.files == profile.files
    assert _tables(again) == _tables(profile)
    assert again.names["Ван Цзя-сян"] and len(again.names["Ван Цзя-сян"]) == len(ARCHIVE)


def test_profiles_merge_as_one_and_a_file_in_both_counts_once(tmp_path):
    records = _records(ARCHIVE)
    whole, first, second = Profile(), Profile(), Profile()
    for record in records:
        whole.add(record)
    for record in records[:4]:
        first.add(record)
    for record in records[2:]:  # files 2 and 3 in both halves
        second.add(record)
    first.merge(second)
    assert sorted(first.files) == sorted(whole.files)
    assert _tables(first) == _tables(whole)
    assert len(first.words["ханшин"]) == 4  # written in files 1-4, the shared ones counted once


def test_profile_command_merges_profiles(tmp_path, archive_profile):
    out = tmp_path / "all.profile"
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "x.txt").write_text("Фанза у дороги.\n", encoding="utf-8")
    result = run("profile", archive_profile, extra, "-o", out)
    assert result.exit_code == 0, result.output
    merged = Profile.read(out)
    assert len(merged.files) == len(ARCHIVE) + 1
    assert len(merged.words["фанза"]) == 5
    assert run("profile", extra, "-o", out).exit_code != 0  # exists: --force needed


def test_a_damaged_profile_is_refused_naming_the_line(tmp_path, archive_profile):
    bad = tmp_path / "bad.profile"
    lines = archive_profile.read_text(encoding="utf-8").splitlines()
    k = next(i for i, line in enumerate(lines) if '"kind": "word"' in line)
    lines[k] = lines[k].replace('"files": [', '"files": [[999, 1], ')
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(OcrFixError) as error:
        Profile.read(bad)
    assert error.value.line == k + 1
    result = run("fix", "-", "--profile", bad)
    assert isinstance(result.exception, OcrFixError) and "a file id the profile does not list" in str(result.exception)


# --- --profile as evidence -------------------------------------------------------------------------


@pytest.mark.parametrize("garbled, fixed", [("Посол ВАН ЦВЯ-СЯН посетил Харбин.\n", "Посол ВАН ЦЗЯ-СЯН посетил Харбин.\n"),
                                            ("Посол ВАЙ ЦЗЯ-СЯН посетил Харбин.\n", "Посол ВАН ЦЗЯ-СЯН посетил Харбин.\n")])
def test_a_garbled_name_takes_the_archives_spelling(archive_profile, garbled, fixed):
    assert correct_text(garbled).text == garbled  # alone, the file does not say which name it is
    result = correct_text(garbled, profile=str(archive_profile))
    assert result.text == fixed
    assert any(f"archive: {len(ARCHIVE)} files" in p.explanation for p in result.applied)


def test_a_rare_word_common_across_the_archive_is_kept(archive_profile):
    text = "Мы видели, что фанза стоит у дороги, и ханшин там.\n"
    alone = correct_text(text)
    assert "фаза" in alone.text and "женщин" in alone.text  # what the dictionaries alone make of them
    assert correct_text(text, profile=str(archive_profile)).text == text
    options = pass_options(profile=archive_profile)
    flagged = {f.text for f in check_text(text).findings}
    assert {"фанза", "ханшин"} <= flagged
    assert not {"фанза", "ханшин"} & {f.text for f in check_text(text, options=options).findings}


def test_a_word_only_this_file_writes_is_no_archive_evidence_for_itself(tmp_path):
    # `ханшин` is written in four files of the archive; one of them is the file being corrected
    texts = ["ханшин отправлен.", "ханшин продан.", "ханшин есть.", "Мы видели, что ханшин там.", "Харбин."]
    profile = Profile()
    for record in _records(texts):
        profile.add(record)
    path = tmp_path / "p.profile"
    profile.save(path)
    own = texts[3] + "\n"
    view = ArchiveView(Profile.read(path), own)
    assert view.word_files("ханшин") == 3 and view.word_files("видели") == 0
    other = ArchiveView(Profile.read(path), "another text\n")
    assert other.word_files("ханшин") == 4 and other.word_files("видели") == 1
    # two other files are not enough to keep a word (profile.KEEP_FILES), three are
    profile2 = Profile()
    for record in _records(texts[1:]):
        profile2.add(record)
    path2 = tmp_path / "q.profile"
    profile2.save(path2)
    assert "женщин" in correct_text(own, profile=str(path2)).text
    assert correct_text(own, profile=str(path)).text == own


def test_without_a_profile_nothing_changes(archive_profile):
    text = "Посол ВАЙ ЦЗЯ-СЯН посетил Харбин, японских войскак нет, фанза стоит.\n"
    assert correct_text(text).proposals == correct_text(text, options=pass_options()).proposals


# --- learning from review --------------------------------------------------------------------------

REAL = ("Вчера тов. МАС ЦЗЭ-ДУИ просил передать, что японских войскак нет.\n"
        "Скопие копий воспрещается.\n\n"
        "Товарищу Ф И Л И П П О В У\n"
        "обиспываться телеграфными агенствами  \n"
        "ЧУ ЦО, МАС ЦИ и другие.\n")


def _decide(review_path, decide) -> rf.ReviewFile:
    review = rf.load(review_path)
    for row in review.rows:
        decision = decide(row)
        if decision is not None:
            review = review.with_row(rf.ReviewRow(**{**row.__dict__, "decision": decision}))
    rf.save(review, review_path)
    return review


def test_replaying_a_review_on_a_second_copy(tmp_path):
    """The issue's figure: the decisions of one copy's review, learnt and replayed on a second copy of
    the same document, propose none of the rejected rows again and apply the accepted ones."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(REAL, encoding="utf-8")
    second.write_text(REAL, encoding="utf-8")
    review_path = tmp_path / "first.review.tsv"
    assert run("propose", first, "-o", review_path).exit_code == 0
    rows = rf.load(review_path).rows
    changing = [r for r in rows if r.replacement and r.replacement != r.original]
    assert len(changing) >= 4
    auto = [r for r in changing if r.bin == "auto"]
    review_rows = [r for r in changing if r.bin == "review"]
    assert auto and review_rows
    rejected_ids = {auto[0].id, review_rows[0].id}  # one automatic change and one proposal rejected
    accepted_ids = {r.id for r in review_rows[1:]} | {r.id for r in auto[1:]}
    _decide(review_path, lambda r: "reject" if r.id in rejected_ids else "accept" if r.id in accepted_ids else None)
    decisions_path = tmp_path / "decisions.tsv"
    assert run("learn", review_path, "-o", decisions_path).exit_code == 0
    learnt = read_decisions(decisions_path)
    assert {d.decision for d in learnt} == {"accept", "reject"}
    assert len(learnt) == len(rejected_ids | accepted_ids)
    assert run("learn", review_path, "-o", decisions_path).exit_code == 0  # learnt again: not counted twice
    assert read_decisions(decisions_path) == learnt

    replay = tmp_path / "second.review.tsv"
    assert run("propose", second, "-o", replay, "--decisions", decisions_path).exit_code == 0
    again = rf.load(replay).rows
    by_place = {(r.start, r.end): r for r in again}
    for row in rows:
        if row.id in rejected_ids:
            proposed = by_place.get((row.start, row.end))
            assert proposed is None or proposed.replacement != row.replacement, row
        if row.id in accepted_ids:
            assert by_place[(row.start, row.end)].replacement == row.replacement
            assert by_place[(row.start, row.end)].bin == "auto"
    # fix with the decisions writes what applying the reviewed file writes (the undecided rows aside,
    # which neither applies)
    applied = tmp_path / "applied.txt"
    assert run("apply", first, review_path, "-o", applied).exit_code == 0
    fixed = run("fix", second, "--decisions", decisions_path)
    assert fixed.exit_code == 0
    undecided = [r for r in rows if r.id not in rejected_ids | accepted_ids and r.bin == "auto"]
    if not undecided:
        assert fixed.stdout == applied.read_text(encoding="utf-8")
    for row in rows:
        if row.id in accepted_ids:
            assert row.replacement in fixed.stdout


def test_a_kept_word_is_known_and_a_correction_spreads_after_agreement(tmp_path):
    def decision(kind, original, replacement, before, after):
        return dict(decision=kind, original=original, replacement=replacement, before=before, after=after)

    from ocr_fix.archive.decisions import Decision

    learnt = Learnt([Decision(**decision("reject", "фанза", "фаза", "что", "стоит")),
                     Decision(**decision("accept", "Корел", "Кореи", "из", "прибыл")),
                     Decision(**decision("accept", "Корел", "Кореи", "в", "и"))])
    text = "Посол из Корел прибыл. Фанза у дороги; фанза стоит.\n"
    from ocr_fix.archive.decisions import apply_learnt

    proposals = apply_learnt(text, [], learnt)
    assert [(p.original, p.replacement, p.bin) for p in proposals] == [("Корел", "Кореи", "auto")]  # same context
    elsewhere = apply_learnt("Делегация Корел уехала.\n", [], learnt)
    assert [(p.replacement, p.bin) for p in elsewhere] == [("Кореи", "review")]  # two places: for review
    three = Learnt(learnt.decisions + [Decision(**decision("edit", "Корел", "Кореи", "для", "нужно"))])
    assert [p.bin for p in apply_learnt("Делегация Корел уехала.\n", [], three)] == ["auto"]
    split = Learnt(three.decisions + [Decision(**decision("reject", "Корел", "Кореи", "о", "сказал"))])
    assert [p.bin for p in apply_learnt("Делегация Корел уехала.\n", [], split)] == ["review"]
    assert learnt.known("фанза") and not learnt.known("корел")
    # the kept word is neither changed nor flagged, in any context
    path = tmp_path / "d.tsv"
    path.write_text(render(learnt.decisions), encoding="utf-8")
    assert read_decisions(path) == learnt.decisions
    sentence = "Мы видели, что фанза стоит у дороги, и фанза там.\n"
    assert "фаза" in correct_text(sentence).text
    assert correct_text(sentence, decisions=(str(path),)).text == sentence
    options = pass_options(decisions=[path])
    assert "фанза" not in {f.text for f in check_text(sentence, options=options).findings}


def test_learn_reads_the_context_when_the_reviewed_file_is_gone(tmp_path):
    text_path = tmp_path / "t.txt"
    text_path.write_text(REAL, encoding="utf-8")
    review_path = tmp_path / "t.review.tsv"
    assert run("propose", text_path, "-o", review_path).exit_code == 0
    _decide(review_path, lambda r: "reject" if r.bin != "auto" else None)
    with_file = learn_review(review_path)
    text_path.unlink()
    from_context = learn_review(review_path)
    assert with_file and [(d.original, d.before, d.after) for d in with_file] == \
        [(d.original, d.before, d.after) for d in from_context]


def test_not_a_decisions_file_is_refused(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("decision\toriginal\n", encoding="utf-8")
    result = run("fix", "-", "--decisions", path)
    assert isinstance(result.exception, OcrFixError) and "not a decisions file" in str(result.exception)


def test_apply_takes_one_files_decisions_for_the_identical_rows_of_a_batch(tmp_path):
    texts, reviews, out = tmp_path / "texts", tmp_path / "reviews", tmp_path / "out"
    texts.mkdir()
    for name in ("a.txt", "b.txt"):
        (texts / name).write_text(REAL, encoding="utf-8")
    (texts / "c.txt").write_text("Вчера японских войскак не было.\n", encoding="utf-8")
    assert run("propose", texts, "--out-dir", reviews).exit_code == 0
    model = reviews / "a.txt.review.tsv"
    rows = rf.load(model).rows
    auto = next(r for r in rows if r.bin == "auto" and r.original == "войскак")
    proposed = next(r for r in rows if r.bin == "review" and r.replacement)
    _decide(model, lambda r: "reject" if r.id == auto.id else "accept" if r.id == proposed.id else None)
    assert run("apply", texts, reviews, "--out-dir", out).exit_code == 0
    assert (out / "a.txt").read_text(encoding="utf-8") != (out / "b.txt").read_text(encoding="utf-8")
    shared = tmp_path / "shared"
    result = run("apply", texts, reviews, "--out-dir", shared, "--same-rows-from", model)
    assert result.exit_code == 0, result.output
    a, b = ((shared / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt"))
    assert a == b == (out / "a.txt").read_text(encoding="utf-8")
    assert "войскак" in b and proposed.replacement in b
    # `войскак` in another context is another row: c keeps its own (pre-accepted) decision
    assert "войскак" not in (shared / "c.txt").read_text(encoding="utf-8")


def test_the_commands_take_the_profile_file_by_file_and_in_a_batch(tmp_path, archive_profile):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Посол ВАЙ ЦЗЯ-СЯН посетил Харбин.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Мы видели, что фанза стоит у дороги.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("fix", folder, "--out-dir", out, "--profile", archive_profile, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == "Посол ВАН ЦЗЯ-СЯН посетил Харбин.\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == "Мы видели, что фанза стоит у дороги.\n"
    plain = run("check", folder / "b.txt", "--format", "json")
    with_profile = run("check", folder / "b.txt", "--format", "json", "--profile", archive_profile)
    assert "фанза" in plain.stdout and "фанза" not in with_profile.stdout
    assert with_profile.exit_code == 0  # nothing left to report
    review = tmp_path / "a.review.tsv"
    assert run("propose", folder / "a.txt", "-o", review, "--profile", archive_profile).exit_code == 0
    row = next(r for r in rf.load(review).rows if r.original == "ВАЙ")
    assert row.bin == "auto" and f"archive: {len(ARCHIVE)} files" in row.explanation
