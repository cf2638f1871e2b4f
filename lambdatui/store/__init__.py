"""Local state: cache, config, saved events, history. Files via platformdirs, atomic, 0600."""
