"""lambdatui: a keyboard-first terminal UI for AWS Lambda."""

__version__ = "0.1.0"
