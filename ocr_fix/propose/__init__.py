"""Turning findings into ranked corrections: candidate search, ranking, names, layout joins."""
