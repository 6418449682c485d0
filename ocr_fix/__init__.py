"""ocr-fix: find, propose and review corrections of OCR errors in Russian archival transcripts."""

__version__ = "0.1.0"
