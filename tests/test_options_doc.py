"""docs/options.md lists every option of every command, and nothing else."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.options_table import rows, table


def test_the_options_table_in_docs_is_the_commands_own():
    written = (ROOT / "docs" / "options.md").read_text(encoding="utf-8")
    assert written == table(), "docs/options.md is out of date: python -m tests.options_table > docs/options.md"


def test_shared_options_mean_the_same_everywhere():
    by_option = {option: commands.split(", ") for option, _, _, commands in rows()}
    # the options several commands share, each taken wherever it applies
    assert {"check", "fix", "propose", "quality", "eval", "review"} <= set(by_option["--lexicon"])
    assert {"check", "fix"} <= set(by_option["--jobs"])
    assert {"fix", "diff"} <= set(by_option["--color"])
    assert {"check", "fix", "propose", "apply", "diff", "score", "eval", "quality", "review"} <= \
        set(by_option["--encoding"])
    for option in ("--format", "--output", "--force"):
        assert len(by_option[option]) > 1
