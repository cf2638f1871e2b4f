"""AWS access: an async gateway returning the project's own typed records.

This package imports nothing from the rest of lambdatui and nothing from Textual.
"""
