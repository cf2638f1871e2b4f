"""The edit feature: a function's settings changed in place, confirmed, followed and journaled.

``screen.py`` is the form (``EditScreen``) and the revert of the last journaled change;
``confirm.py`` the confirmation (current → new); ``form.py`` its widgets; ``parse.py`` reads
the form's text into the ``Settings`` the gateway applies, or the problems by field (pure, no
Textual); ``hints.py`` the words around the fields (ranges, what a value means).
"""
