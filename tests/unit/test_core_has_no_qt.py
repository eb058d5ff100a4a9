"""The core never imports Qt: importing every core module leaves PySide6 unloaded."""

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import desktop_app.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "desktop_app.core.")]
for name in names:
    importlib.import_module(name)
import desktop_app.cli, desktop_app.paths
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names), bad)
sys.exit(1 if bad else 0)
"""


def test_importing_every_core_module_loads_no_qt():
    # A fresh interpreter: pytest-qt has PySide6 loaded in this one.
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    imported = int(done.stdout.split()[0])
    assert imported >= 10  # the walk really found the modules
