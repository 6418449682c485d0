"""Measuring transcription quality: alignment, CER/WER, estimates without a ground truth."""
