"""Write (or with --check, verify) README's config example from lambdatui.store.config.EXAMPLE."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from lambdatui.store.config import EXAMPLE  # noqa: E402

README = ROOT / "README.md"
BLOCK = re.compile(r"(## Configuration\n.*?```toml\n)(.*?)(```)", re.S)


def main() -> int:
    text = README.read_text()
    updated = BLOCK.sub(lambda m: m.group(1) + EXAMPLE + m.group(3), text, count=1)
    if "--check" in sys.argv:
        if updated != text:
            print("README's config example is stale: run scripts/config_example.py")
            return 1
        return 0
    README.write_text(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
