"""`lambdatui --demo`: an embedded, seeded local account, isolated from the user's AWS setup."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .seed import seed_demo
from .server import LocalAccount, start_local_account

#: Variables that could point the demo at the user's real AWS configuration.
_USER_AWS_VARS = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_LAMBDA",
    "AWS_ENDPOINT_URL_LOGS",
    "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CA_BUNDLE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
)


@dataclass
class Demo:
    account: LocalAccount
    home: Path

    @property
    def endpoint_url(self) -> str:
        return self.account.endpoint_url

    @property
    def region(self) -> str:
        return self.account.region

    def stop(self) -> None:
        self.account.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def isolate_environment(home: Path) -> None:
    """Fake credentials for this process only; never read the user's ~/.aws or data dirs."""
    for name in _USER_AWS_VARS:
        os.environ.pop(name, None)
    os.environ["AWS_ACCESS_KEY_ID"] = "demo"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "demo"
    os.environ["AWS_CONFIG_FILE"] = str(home / "aws-config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(home / "aws-credentials")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    os.environ["LAMBDATUI_HOME"] = str(home / "lambdatui")


def start_demo() -> Demo:
    home = Path(tempfile.mkdtemp(prefix="lambdatui-demo-"))
    isolate_environment(home)
    account = start_local_account()
    seed_demo(account.endpoint_url, account.region)
    return Demo(account=account, home=home)
