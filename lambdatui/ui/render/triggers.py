"""Records → fields of the triggers pane: what can call this function, where results go."""

from __future__ import annotations

from collections.abc import Sequence

from ...aws.config import AsyncInvokeConfig, EventSourceMapping, FunctionUrl, PolicyStatement
from .fields import ERROR, MUTED, WARNING, Field, Section

PULL, PUSH, URL, DESTINATIONS = range(4)
TITLES = {
    PULL: "Pull: event sources",
    PUSH: "Push: resource policy",
    URL: "Function URL",
    DESTINATIONS: "Destinations",
}


def mapping_sections(mappings: Sequence[EventSourceMapping]) -> list[list[Field]]:
    s = Section(TITLES[PULL], PULL)
    for m in mappings:
        mark = "● enabled" if m.enabled else "○ " + (m.state or "disabled").lower()
        details = [mark, m.source_kind]
        if m.batch_size is not None:
            details.append(f"batch {m.batch_size}")
        if m.batching_window_s:
            details.append(f"window {m.batching_window_s} s")
        if m.starting_position:
            details.append(f"from {m.starting_position}")
        if m.filter_patterns:
            details.append(f"{len(m.filter_patterns)} filter(s): " + " | ".join(m.filter_patterns))
        if m.on_failure:
            details.append(f"on failure → {m.on_failure}")
        if m.system_log_level:
            details.append(f"system logs {m.system_log_level}")
        if m.last_processing_result:
            details.append(f"last: {m.last_processing_result}")
        if m.state_reason:
            details.append(m.state_reason)
        details.append(f"uuid {m.uuid}")
        style = "" if m.enabled else MUTED
        label = m.source_name or m.source_arn or m.source_kind
        s.add(label, " · ".join(details), style=style, raw=m.raw)
    if not mappings:
        s.note("none")
    return [s.fields]


def policy_sections(statements: Sequence[PolicyStatement]) -> list[list[Field]]:
    s = Section(TITLES[PUSH], PUSH)
    for st in statements:
        flags = []
        if st.public:
            flags.append("PUBLIC: anyone can invoke")
        if st.cross_account:
            flags.append("CROSS-ACCOUNT")
        style = ERROR if st.public else WARNING if st.cross_account else ""
        effect = "" if st.effect == "Allow" else f"{st.effect} "
        value = " · ".join(
            part
            for part in (
                " ".join(f"⚠ {flag}" for flag in flags),
                f"{effect}{st.action}",
                st.resource or st.source_arn or st.source_account or "any source",
                f"sid {st.sid}",
            )
            if part
        )
        s.add(st.principal, value, style=style, raw=st.raw)
    if not statements:
        s.note("no resource-based policy")
    return [s.fields]


def url_trigger_sections(url: FunctionUrl | None) -> list[list[Field]]:
    s = Section(TITLES[URL], URL)
    if url is None:
        s.note("none")
    elif url.is_public:
        s.add("HTTPS (public)", f"⚠ auth NONE · {url.url}", style=WARNING)
    else:
        s.add("HTTPS (IAM)", f"auth {url.auth_type} · {url.url}")
    return [s.fields]


def destination_sections(config: AsyncInvokeConfig | None) -> list[list[Field]]:
    s = Section(TITLES[DESTINATIONS], DESTINATIONS)
    if config is None or not (config.on_success or config.on_failure):
        s.note("none (asynchronous results are dropped)")
        return [s.fields]
    if config.on_success:
        s.add("On success →", config.on_success)
    if config.on_failure:
        s.add("On failure →", config.on_failure)
    return [s.fields]
