"""The table of options in docs/options.md, made from the commands themselves:
`python -m tests.options_table > docs/options.md` writes it again after an option changes, and
tests/test_options_doc.py fails while the file and the commands disagree."""

from __future__ import annotations

import typer.main

import ocr_fix.cli  # noqa: F401  (registers the commands)
from ocr_fix.commands.app import app

HEAD = """# Options of every command

Each option, what it does, and the commands that take it. Made from the commands themselves
(`python -m tests.options_table > docs/options.md`); `tests/test_options_doc.py` holds it to them.

| option | short | what it does | commands |
| --- | --- | --- | --- |
"""


def _options(command):
    for param in command.params:
        longs = [o for o in param.opts + param.secondary_opts if o.startswith("--")]
        if longs:  # not an argument
            shorts = [o for o in param.opts if not o.startswith("--")]
            yield longs[0], ", ".join(shorts), " ".join((getattr(param, "help", "") or "").split())


def rows() -> list[tuple[str, str, str, str]]:
    group = typer.main.get_command(app)
    taken: dict[str, tuple[str, dict[str, str]]] = {}
    sources = [("ocr-fix", group)] + [(name, group.commands[name]) for name in sorted(group.commands)]
    for name, command in sources:
        for option, short, help_text in _options(command):
            taken.setdefault(option, (short, {}))[1][name] = help_text
    out = []
    for option, (short, helps) in sorted(taken.items()):
        said = set(helps.values())
        what = said.pop() if len(said) == 1 else \
            "; ".join(f"{name}: {text.rstrip('.')}" for name, text in helps.items()) + "."
        out.append((option, short, what.replace("|", "\\|"), ", ".join(helps)))
    return out


def table() -> str:
    return HEAD + "".join(f"| `{o}` | {f'`{s}`' if s else ''} | {h} | {c} |\n" for o, s, h, c in rows())


if __name__ == "__main__":
    print(table(), end="")
