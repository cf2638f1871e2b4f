"""Fast typing in a real terminal (tmux): keys sent in one write, as a fast typist or a
paste over SSH delivers them, each land where the key before them left the focus."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.aws.test_edit import make_function
from tests.test_real_terminal import Tmux, tmux  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def test_a_key_typed_right_after_tab_lands_in_the_next_field(account: Any, tmux: Tmux) -> None:  # noqa: F811
    make_function(account)
    tmux.launch(f"--endpoint-url {account.endpoint_url} --region {account.region}")
    tmux.wait_for(lambda s: "1 function" in s)
    tmux("send-keys", "e")
    tmux.wait_for(lambda s: "Timeout (s)" in s and "Reading" not in s and "1–900" in s)
    # memory → timeout, 256, → storage, 9: one write to the terminal, no pause between keys
    tmux("send-keys", "Tab", "2", "5", "6", "Tab", "9", "Enter")
    screen = tmux.wait_for(lambda s: "(got " in s or "Apply to" in s)
    assert "Ephemeral storage must be 512–10240 MB (got 9)." in screen
    assert "2569" not in screen
    tmux("send-keys", "Escape", "q")
