"""Cold start to the window shown: ExportDesk against a bare empty QMainWindow, offscreen.

Each run is a fresh Python process, timed from launch until it prints that its window is
shown (after show() and the first pass of the event loop), so interpreter start-up, imports,
opening and checking the database, loading the translations and building both screens are
all inside the figure. The database already exists (a normal start, not the first ever);
one untimed warm-up run of each fills the OS file cache. Medians of RUNS runs each.

ratio = ours / bare: how many times longer than an empty Qt window we take to appear.

    python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import scratch_dir

RUNS = 7
TIMEOUT_S = 60

OURS = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from desktop_app.ui.app import start
window = start(sys.argv[1])
assert window is not None
app.processEvents()
print("shown", flush=True)
import os; os._exit(0)  # teardown is not start-up
"""

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
print("shown", flush=True)
import os; os._exit(0)
"""

PREPARE = """
import sys
from desktop_app.core import codes
from desktop_app.core.db import open_database
db = open_database(sys.argv[1])
with db.transaction() as session:
    codes.ensure_builtin(session)
db.dispose()
"""


def launch(script: str, *args: str, env: dict[str, str]) -> float:
    """Seconds from process launch until it reports its window shown."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    line = child.stdout.readline() if child.stdout else ""
    elapsed = time.perf_counter() - started
    child.wait(timeout=TIMEOUT_S)
    if line.strip() != "shown":
        raise SystemExit(f"the start-up script failed (exit {child.returncode})")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    runs = parser.parse_args().runs
    with scratch_dir() as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EXPORTDESK_HOME": str(folder)}
        database = str(Path(folder) / "startup.sqlite")
        subprocess.run([sys.executable, "-c", PREPARE, database], check=True, env=env)
        launch(OURS, database, env=env)  # warm-up: file cache, .pyc files
        launch(BARE, env=env)
        ours, bare = [], []
        for _ in range(runs):  # interleaved, so drift on a busy machine hits both alike
            ours.append(launch(OURS, database, env=env))
            bare.append(launch(BARE, env=env))
    mine, theirs = statistics.median(ours), statistics.median(bare)
    print(f"startup: ours {mine:.2f} s, bare {theirs:.2f} s, ratio {mine / theirs:.2f}")


if __name__ == "__main__":
    main()
