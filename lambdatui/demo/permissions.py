"""Resource-based policies (AddPermission, GetPolicy, RemovePermission), one per qualifier.

moto keeps one policy object that every version and alias shares, so an alias's statements show
up in the function's policy; it also leaves an account id as the bare Principal. Here the
unqualified function, each version and each alias has its own policy whose statements name that
ARN as Resource, principals and conditions are written the way Lambda writes them, and the
policy's RevisionId is the function's (or alias's), which every change bumps.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from . import function_state as state
from .qualified import LATEST, ApiError, Target, conflict, invalid, not_found, resolve, validation
from .wire import LambdaRequest, Reply, json_reply

KIND = "policy"
_ACCOUNT = re.compile(r"^\d{12}$")
_STATEMENT_ID = re.compile(r"^[a-zA-Z0-9-_]+$")
_NO_POLICY = "The resource you requested does not exist."


def principal(raw: str) -> Any:
    """The statement's Principal for AddPermission's Principal parameter."""
    if raw == "*":
        return "*"
    if raw.endswith(".amazonaws.com"):
        return {"Service": raw}
    if _ACCOUNT.match(raw):
        return {"AWS": f"arn:aws:iam::{raw}:root"}
    if raw.startswith("arn:aws:iam:"):
        return {"AWS": raw}
    raise invalid("The provided principal was invalid. Please check the principal and try again.")


def statement(body: dict[str, Any], resource: str) -> dict[str, Any]:
    """One policy statement, as Lambda builds it from AddPermission's parameters."""
    conditions: dict[str, dict[str, str]] = {}

    def condition(operator: str, key: str, value: Any) -> None:
        if value is not None and value != "":
            conditions.setdefault(operator, {})[key] = str(value)

    condition("StringEquals", "lambda:FunctionUrlAuthType", body.get("FunctionUrlAuthType"))
    condition("StringEquals", "aws:PrincipalOrgID", body.get("PrincipalOrgID"))
    condition("StringEquals", "AWS:SourceAccount", body.get("SourceAccount"))
    condition("StringEquals", "lambda:EventSourceToken", body.get("EventSourceToken"))
    if body.get("InvokedViaFunctionUrl") is not None:
        condition(
            "Bool", "lambda:InvokedViaFunctionUrl", str(body["InvokedViaFunctionUrl"]).lower()
        )
    condition("ArnLike", "AWS:SourceArn", body.get("SourceArn"))
    result: dict[str, Any] = {
        "Sid": body["StatementId"],
        "Effect": "Allow",
        "Principal": principal(str(body.get("Principal", ""))),
        "Action": body.get("Action"),
        "Resource": resource,
    }
    if conditions:
        result["Condition"] = conditions
    return result


def _target(req: LambdaRequest, raw_name: str) -> Target:
    target = resolve(req, raw_name)
    if target.qualifier == LATEST:
        target = Target(target.backend, target.latest, target.name, None)
    if target.qualifier and not target.exists():
        raise not_found(f"Function not found: {target.arn}")
    return target


def _revision(target: Target) -> str:
    alias = target.alias()
    if alias is not None:
        return str(alias.revision_id)
    return state.revision_id(target.version())


def _bump(target: Target) -> None:
    alias = target.alias()
    if alias is not None:
        state.bump_alias_revision(alias)
    else:
        state.bump_revision(target.version())


def _precondition_failed() -> ApiError:
    return ApiError(412, "PreconditionFailedException", state.PRECONDITION_FAILED)


# -- Handlers -----------------------------------------------------------------------------------


def add(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    body = req.json_body()
    try:
        if req.query.get("Qualifier") == LATEST:
            raise invalid("We currently do not support adding policies for $LATEST.")
        target = _target(req, match.group("name"))
        sid = str(body.get("StatementId", ""))
        if not _STATEMENT_ID.match(sid):
            raise validation(
                f"Value '{sid}' at 'statementId' failed to satisfy constraint: "
                "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"
            )
        with state.update_lock:
            if body.get("RevisionId") and body["RevisionId"] != _revision(target):
                raise _precondition_failed()
            statements: list[dict[str, Any]] = target.store(KIND).setdefault(target.key, [])
            if any(s["Sid"] == sid for s in statements):
                raise conflict(
                    f"The statement id ({sid}) provided already exists. Please provide a new "
                    "statement id, or remove the existing statement."
                )
            added = statement(body, target.arn)
            statements.append(added)
            _bump(target)
    except ApiError as exc:
        return exc.reply()
    return json_reply(201, {"Statement": json.dumps(added)})


def get(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    try:
        target = _target(req, match.group("name"))
    except ApiError as exc:
        return exc.reply()
    statements = target.store(KIND).get(target.key)
    if not statements:
        return not_found(_NO_POLICY).reply()
    policy = {"Version": "2012-10-17", "Id": "default", "Statement": statements}
    return json_reply(200, {"Policy": json.dumps(policy), "RevisionId": _revision(target)})


def remove(req: LambdaRequest, match: re.Match[str], forward: Any) -> Reply:
    sid = unquote(match.group("sid"))
    try:
        target = _target(req, match.group("name"))
        with state.update_lock:
            statements = target.store(KIND).get(target.key)
            if not statements:
                raise not_found("No policy is associated with the given resource.")
            found = next((s for s in statements if s["Sid"] == sid), None)
            if found is None:
                raise not_found(f"Statement {sid} is not found in resource policy.")
            expected = req.query.get("RevisionId")
            if expected and expected != _revision(target):
                raise _precondition_failed()
            statements.remove(found)
            if not statements:
                target.store(KIND).pop(target.key, None)
            _bump(target)
    except ApiError as exc:
        return exc.reply()
    return Reply(status=204)
