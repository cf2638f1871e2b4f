"""Memory tuning (issue 23): measure a function's speed and cost across memory sizes.

Pure parts here (no Textual): ``results`` (the figures and the recommendation), ``inputs``
(memory sizes, the worst-case notice) and ``prices`` (which prices a run uses).
"""
