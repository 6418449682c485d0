"""The tool's own error class: problems a user can fix, reported in one line without a traceback."""


class OcrFixError(Exception):
    """An error the user can act on; its message names the file (and line where it applies)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
