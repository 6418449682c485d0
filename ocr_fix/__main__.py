from ocr_fix.cli import run

run()
