"""The last look before code is replaced: what goes over what, confirmed like an edit (a
production banner and the function's name to type there; a read-only warning).

Both a deploy (``DeployScreen``) and an undo of one (the Code pane's ``U``) ask this way: the
package's size and SHA-256 over the deployed one's, the RevisionId the deploy goes with, and
for a deploy the count of files that change and whether a version is published.
"""

from __future__ import annotations

from ..bindings import DEPLOY_CONFIRM_BINDINGS
from ..dialogs.facts import FactsConfirmScreen


class ConfirmDeployScreen(FactsConfirmScreen):
    """``rows`` (label, value) describe the change; enter deploys, escape goes back."""

    BINDINGS = DEPLOY_CONFIRM_BINDINGS
    KEYS = (("deploy.apply", "deploy"), ("deploy.back", "back"))
    WHAT = "the deploy"
    VERB = "deploy"
