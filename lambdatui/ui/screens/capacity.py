"""Capacity providers (Lambda Managed Instances): the account's providers, then one provider's
configuration and state with the function versions on it; `enter` on a version opens that
function's view at that version."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from ...aws.capacity_gateway import CapacityProvider, ProviderVersion
from ...aws.errors import GatewayError
from ...aws.records import FunctionSummary
from ...sanitize import one_line
from ..bindings import CAPACITY_BINDINGS, CAPACITY_TABLE_BINDINGS, PROVIDER_VERSIONS_BINDINGS
from ..render.values import relative_time
from ..widgets.footer import KeyFooter
from ..widgets.status import target_text
from ..widgets.virtual_table import Column, VirtualTable
from .base import AppScreen

if TYPE_CHECKING:
    from ..app import LambdaTUI

_STATE_STYLES = {
    "Failed": "virtual-table--error",
    "Pending": "virtual-table--warning",
    "Deleting": "virtual-table--muted",
}


def provider_columns() -> list[Column[CapacityProvider]]:
    return [
        Column("name", "NAME", lambda p: p.name, min_width=12, weight=2),
        Column(
            "state",
            "STATE",
            lambda p: p.state,
            width=8,
            style=lambda p: _STATE_STYLES.get(p.state, ""),
        ),
        Column("instances", "INSTANCES", lambda p: p.instances_label, min_width=12, weight=2),
        Column("scaling", "SCALING", lambda p: p.scaling_label, min_width=12, weight=2),
    ]


def version_columns() -> list[Column[ProviderVersion]]:
    return [
        Column("function", "FUNCTION", lambda v: v.function, min_width=14, weight=2),
        Column(
            "version",
            "VERSION",
            lambda v: v.version,
            width=7,
            sort_key=lambda v: int(v.version) if v.version.isdigit() else -1,
        ),
        Column("state", "STATE", lambda v: v.state, width=8),
        Column("scaling", "SCALING", lambda v: v.scaling_label, min_width=12, weight=2),
    ]


def provider_table(provider: CapacityProvider, now: Any) -> Table:
    """The provider's configuration and state, one setting a line."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis")
    rows = [
        ("State", provider.state),
        ("Instances", provider.instances_label),
        ("Scaling", provider.scaling_label),
        ("Subnets", ", ".join(provider.subnet_ids) or "-"),
        ("Security groups", ", ".join(provider.security_group_ids) or "-"),
        ("Operator role", provider.operator_role or "-"),
        ("KMS key", provider.kms_key_arn or "AWS owned key"),
        ("Modified", relative_time(provider.last_modified, now)),
    ]
    for label, value in rows:
        table.add_row(label, Text(one_line(value)))
    return table


def _header(where: str, app: LambdaTUI) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{where}\n", style="bold")
    text.append_text(target_text(app.target, app.account, demo=app.demo))
    return text


class ProviderTable(VirtualTable[CapacityProvider]):
    BINDINGS = CAPACITY_TABLE_BINDINGS


class ProviderVersionTable(VirtualTable[ProviderVersion]):
    BINDINGS = PROVIDER_VERSIONS_BINDINGS


class CapacityProvidersScreen(AppScreen[None]):
    """Every capacity provider of the region: name, state, instance requirements, scaling."""

    BINDINGS = CAPACITY_BINDINGS

    def compose(self) -> ComposeResult:
        yield Static("", id="capacity-header", markup=False)
        yield ProviderTable(
            provider_columns(),
            row_key=lambda p: p.arn,
            empty_text="Loading capacity providers…",
            id="providers-table",
        )
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.show_target()
        self.query_one(ProviderTable).focus()
        self.load()

    def show_target(self) -> None:
        header = _header("Capacity providers (Lambda Managed Instances)", self.app)
        self.query_one("#capacity-header", Static).update(header)

    @work(exclusive=True, group="providers", name="ListCapacityProviders", exit_on_error=False)
    async def load(self) -> None:
        table = self.query_one(ProviderTable)
        try:
            providers = await self.app.gateway.list_capacity_providers()
        except GatewayError as exc:
            table.empty_text = f"{exc.title}: {exc.message}"
            table.set_rows([])
            self.app.show_error(exc)
            return
        table.empty_text = "No capacity providers in this region"
        table.set_rows(providers)

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(VirtualTable.Selected, "#providers-table")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.app.push_screen(CapacityProviderScreen(event.row))


class CapacityProviderScreen(AppScreen[None]):
    """One provider's configuration and state, and the function versions on it."""

    BINDINGS = CAPACITY_BINDINGS

    def __init__(self, provider: CapacityProvider) -> None:
        super().__init__()
        self.provider = provider

    def compose(self) -> ComposeResult:
        yield Static("", id="capacity-header", markup=False)
        yield Static("", id="provider-config")
        yield ProviderVersionTable(
            version_columns(),
            row_key=lambda v: v.function_arn,
            empty_text="Loading the function versions…",
            id="provider-versions",
        )
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self._paint()
        self.query_one(ProviderVersionTable).focus()
        self.load()

    def show_target(self) -> None:
        self._paint()

    def _paint(self) -> None:
        where = f"Capacity provider {one_line(self.provider.name)}"
        self.query_one("#capacity-header", Static).update(_header(where, self.app))
        now = self.app.age_now()
        self.query_one("#provider-config", Static).update(provider_table(self.provider, now))

    @work(exclusive=True, group="provider", name="GetCapacityProvider", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.app.gateway
        table = self.query_one(ProviderVersionTable)
        provider, versions = await asyncio.gather(
            gateway.get_capacity_provider(self.provider.name),
            gateway.list_provider_versions(self.provider.name),
            return_exceptions=True,
        )
        if isinstance(provider, CapacityProvider):
            self.provider = provider
            self._paint()
        elif isinstance(provider, GatewayError):
            self.app.show_error(provider)
        elif isinstance(provider, BaseException):
            raise provider
        if isinstance(versions, GatewayError):
            table.empty_text = f"{versions.title}: {versions.message}"
            table.set_rows([])
        elif isinstance(versions, BaseException):
            raise versions
        else:
            table.empty_text = "No function version runs on this provider"
            table.set_rows(versions)

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(VirtualTable.Selected, "#provider-versions")
    def _selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.open_version(event.row)

    @work(exclusive=True, group="open-version", name="GetFunction", exit_on_error=False)
    async def open_version(self, version: ProviderVersion) -> None:
        """The function's view (a new one: escape comes back here) at this version."""
        from .function import FunctionScreen

        gateway = self.app.gateway
        try:
            detail = await gateway.get_function_detail(version.function)
        except GatewayError as exc:
            self.app.show_error(exc)
            return
        function = FunctionSummary.from_api(dict(detail.raw.get("Configuration") or {}))
        screen = FunctionScreen(function)
        await self.app.push_screen(screen)
        if version.version:
            screen.qualifier = version.version
