"""Detection: rules that find likely OCR errors (and page furniture) in a document."""

from ocr_fix.detect.engine import detect

__all__ = ["detect"]
