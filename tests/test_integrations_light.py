"""The engines are optional extras: the base package and the Ray adapter import none of them."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import cleaner, cleaner.integrations, cleaner.integrations.ray
heavy = sorted(m for m in ("datatrove", "ray", "pandas", "pyarrow") if m in sys.modules)
print(",".join(heavy))
"""


def test_importing_cleaner_and_the_ray_adapter_loads_no_engine():
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
