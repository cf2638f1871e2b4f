"""Deployment packages, read and built locally: pure, no Textual and no AWS.

``archive`` reads an untrusted zip safely (entries, caps against archive bombs, one member a
window at a time, text or binary), ``extract`` writes one out without ever leaving the chosen
folder, ``pack`` zips a folder deterministically as a deploy would upload it, and ``diff``
compares two packages file by file. The gateway fetches the bytes (``aws/code_gateway.py``),
the store keeps them (``store/code_cache.py``); this package only looks at them.
"""
