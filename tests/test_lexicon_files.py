import pytest

from ocr_fix.errors import OcrFixError
from ocr_fix.lexicon.files import parse_lexicon
from ocr_fix.lexicon.location import lexicon_dir


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_txt_entries_and_comments(tmp_path):
    path = write(tmp_path, "a.txt", "# source: test\nМукден\n\nВКП(б)\n")
    parsed = parse_lexicon(path)
    assert [e.text for e in parsed.entries] == ["Мукден", "ВКП(б)"]
    assert [e.line for e in parsed.entries] == [2, 4]


def test_tsv_columns(tmp_path):
    path = write(tmp_path, "p.tsv", "# source: test\nname\tlatin\nЧжоу Энь-лай\tZhou Enlai\n")
    entry = parse_lexicon(path).entries[0]
    assert entry.text == "Чжоу Энь-лай" and entry.columns == {"latin": "Zhou Enlai"}


@pytest.mark.parametrize("content, line, words", [
    ("name\tlatin\nЧжоу\n", 2, "expected 2 tab-separated cells"),
    ("name\tlatin\n Чжоу\tZhou\n", 2, "leading or trailing spaces"),
    ("name\tlatin\nЧжоу;\tZhou\n", 2, "must be letters"),
    ("name\tlatin\nКoрея\tKorea\n", 2, "mixes Cyrillic and Latin"),
])
def test_bad_lines_name_file_and_line(tmp_path, content, line, words):
    path = write(tmp_path, "bad.tsv", content)
    with pytest.raises(OcrFixError) as error:
        parse_lexicon(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert words in str(error.value)


def test_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, "cp.txt", "Мукден\nХарбин\n", encoding="cp1251")
    with pytest.raises(OcrFixError, match=r"cp.txt:1: lexicon is not valid UTF-8"):
        parse_lexicon(path)


def test_missing_file(tmp_path):
    with pytest.raises(OcrFixError, match="lexicon file not found"):
        parse_lexicon(tmp_path / "none.txt")


SHIPPED = ["people.tsv", "places.tsv", "abbreviations.tsv", "terms.txt", "page_furniture.txt", "phrases.txt",
           "palladius.tsv"]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_lexicons_are_valid_and_say_their_source(name):
    path = lexicon_dir() / name
    parsed = parse_lexicon(path)
    head = path.read_text(encoding="utf-8").splitlines()[:12]
    assert any(line.startswith("#") and ("source" in line.lower() or "derived from" in line.lower()) for line in head)
    texts = [e.text for e in parsed.entries]
    assert len(texts) == len(set(texts)), "duplicate entries"


@pytest.mark.parametrize("name, minimum", [("people.tsv", 300), ("places.tsv", 250), ("abbreviations.tsv", 150),
                                           ("terms.txt", 100)])
def test_shipped_lexicons_have_hundreds_of_entries(name, minimum):
    assert len(parse_lexicon(lexicon_dir() / name).entries) >= minimum


def test_the_lexicon_cache_keeps_only_the_latest_few(tmp_path, monkeypatch):
    import os

    from ocr_fix.lexicon.store import KEPT_LEXICON_CACHES, _cached_load
    from ocr_fix.lexicon.location import lexicon_dir

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("OCR_FIX_CACHE", str(cache))
    for k in range(KEPT_LEXICON_CACHES + 3):  # caches of lexicon sets used before, oldest first
        old = cache / f"lexicons-old{k:02d}.cache"
        old.write_bytes(b"")
        os.utime(old, ns=(10**18 + k, 10**18 + k))
    extra = tmp_path / "my_names.txt"
    extra.write_text("# source: a test\nЧЖАН\n", encoding="utf-8")
    lexicons = _cached_load(str(lexicon_dir()), (str(extra),))
    assert "чжан" in lexicons.known
    kept = sorted(p.name for p in cache.glob("lexicons-*.cache"))
    assert len(kept) == KEPT_LEXICON_CACHES
    assert "lexicons-old00.cache" not in kept and "lexicons-old10.cache" in kept
    assert any(not name.startswith("lexicons-old") for name in kept)  # the new one


def test_the_users_standing_lists_are_read_by_every_command_without_lexicon(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import ocr_fix.cli  # noqa: F401  (registers the commands)
    from ocr_fix.commands.app import app
    from ocr_fix.lexicon.location import user_lexicon_dir, user_lexicons

    doc = tmp_path / "doc.txt"
    doc.write_text("Вчера товарищ Пак прибыл в Онджин. Там был Цзинтао.\n", encoding="utf-8")
    runner = CliRunner()
    before = runner.invoke(app, ["check", str(doc), "-f", "json", "--exit-zero"])
    assert "Цзинтао" in before.stdout  # a name the lexicons lack is flagged
    config = tmp_path / "config"
    (config / "ocr-fix").mkdir(parents=True)
    (config / "ocr-fix" / "my-names.txt").write_text("# source: my reading of the file\nЦзинтао\n",
                                                     encoding="utf-8")
    (config / "ocr-fix" / "notes.md").write_text("not a list", encoding="utf-8")
    monkeypatch.delenv("OCR_FIX_USER_LEXICONS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert user_lexicon_dir() == config / "ocr-fix"
    assert user_lexicons() == (str(config / "ocr-fix" / "my-names.txt"),)
    after = runner.invoke(app, ["check", str(doc), "-f", "json", "--exit-zero"])
    assert "Цзинтао" not in after.stdout  # known now, with no --lexicon given
    monkeypatch.setenv("OCR_FIX_USER_LEXICONS", "")
    assert user_lexicons() == ()
