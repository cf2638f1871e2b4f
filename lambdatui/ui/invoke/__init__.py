"""The invoke feature: edit an event, send it once, read what happened.

``screen`` is the invoke screen (``InvokeScreen``); it sends and shows results (``sending``),
keeps the function's invocations (``history``) and loads and saves events (``saved_events``)
from the event library (``library``). ``editor`` and ``response`` are its two widgets,
``text`` renders a result, ``command`` writes the equivalent ``aws lambda invoke`` line and
``dialogs`` holds its own small modals. Nothing is imported here: each module is loaded when
needed (the function list opens fast without any of it).
"""
