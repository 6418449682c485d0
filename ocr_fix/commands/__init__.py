"""The `ocr-fix` subcommands, one module per group; each registers itself on the shared app."""
