"""The demo stays to the side: the AWS layer never loads it, and it loads moto only on use."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import lambdatui.aws


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


def test_the_aws_layer_never_loads_the_demo_or_its_runner() -> None:
    modules = [m.name for m in pkgutil.iter_modules(lambdatui.aws.__path__, "lambdatui.aws.")]
    loaded = loaded_after("\n".join(f"import {name}" for name in ["lambdatui.aws", *modules]))
    assert not {m for m in loaded if m.startswith("lambdatui.demo")}


def test_importing_the_demo_package_does_not_start_moto() -> None:
    loaded = loaded_after("import lambdatui.demo")
    assert "moto" not in loaded
