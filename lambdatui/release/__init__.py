"""Releasing: the gradual traffic shift of an alias (plans, guards, the engine). No Textual."""
