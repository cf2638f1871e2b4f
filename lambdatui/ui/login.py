"""Expired sessions: offer the configured login command (``[aws] login_command``), hand the
terminal to it (``App.suspend``), then reload everything with fresh credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .bindings import key_hint

if TYPE_CHECKING:
    from textual.app import App

    from ..aws.errors import GatewayError
    from ..aws.target import Target
    from ..store.config import Config

    #: To the type checker the app these methods are mixed into; at run time a plain object.
    AppMixin = App[int]
else:
    AppMixin = object


class LoginActions(AppMixin):
    """Mixed into the app (``LambdaTUI``), whose state these methods use."""

    if TYPE_CHECKING:  # the app's (declared only: a body here would shadow them)
        config: Config
        target: Target
        _offering_login: bool

        async def switch_target(self, target: Target) -> None: ...

    def login_command(self) -> str:
        return self.config.login_command.replace("{profile}", self.target.profile_label)

    def _offer_login(self, error: GatewayError) -> None:
        from ..sanitize import clean
        from .dialogs.confirm import ConfirmScreen

        self._offering_login = True
        command = self.login_command()
        question = (
            f"{clean(error.message)}\n\nRun `{clean(command)}` now? The screen is handed to "
            "it until it finishes, then the list reloads."
        )
        screen = ConfirmScreen(error.title, question, yes="run it", no="not now")
        self.push_screen(screen, self._login_answered)

    def _login_answered(self, run: bool | None) -> None:
        if not run:
            self._offering_login = False
            self.notify(
                f"Run `{self.login_command()}`, then press {key_hint(self, 'functions.refresh')}.",
                title="Credentials expired",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.call_later(self.run_login)

    def run_login(self) -> None:
        """Hand the terminal to the login command (``App.suspend``), then reload everything
        with fresh credentials."""
        import shlex
        import subprocess

        from textual.app import SuspendNotSupported

        command = self.login_command()
        try:
            with self.suspend():
                print(f"lambdatui: running {command}", flush=True)
                try:
                    status = subprocess.run(shlex.split(command), check=False).returncode
                except (OSError, ValueError) as exc:
                    print(f"lambdatui: {exc}", flush=True)
                    status = 127
        except SuspendNotSupported:
            status = None
        self._offering_login = False
        if status is None:
            self.notify(
                f"This terminal cannot be handed over: run `{command}` elsewhere, then press "
                f"{key_hint(self, 'functions.refresh')}.",
                severity="error",
                markup=False,
            )
        elif status != 0:
            self.notify(
                f"`{command}` failed (exit status {status}).",
                title="Login failed",
                severity="error",
                markup=False,
            )
        else:
            self.notify("Logged in: reloading.", markup=False)
            self.run_worker(
                self.switch_target(self.target), name="reload", group="target", exit_on_error=False
            )
