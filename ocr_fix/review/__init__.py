"""Reviewing proposals: the review file (TSV or JSON), the decisions in it, applying them, and the
interactive terminal review that fills it in one key at a time."""
