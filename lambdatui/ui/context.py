"""One typed way from a screen or widget to the app's state.

``LambdaTUI`` (``app.py``) holds what every screen needs: the gateway, the target, the clock
ages count from (``age_now``), the config, and ``show_error``. Textual types ``self.app`` as a
plain ``App``; a node that derives from ``OnLambdaTUI`` sees it as ``LambdaTUI``, the way
Textual documents (``textual.getters.app``). The narrowing is for the type checker only: at run
time ``self.app`` stays Textual's own property (``getters.app`` would import ``app.py`` here,
which imports the screens, and would refuse the bare apps that tests mount widgets in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual import getters

    from .app import LambdaTUI


class OnLambdaTUI(MessagePump):
    """Mixed into a screen or widget that reads the app's state: ``self.app`` is LambdaTUI."""

    if TYPE_CHECKING:
        app = getters.app(LambdaTUI)
