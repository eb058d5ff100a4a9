"""Run the real command line in a fresh interpreter, as a user or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path, _isolated_home: Path):
    def run(*args: str, cwd: Path | None = None) -> Run:
        env = {**os.environ, "EXPORTDESK_HOME": str(_isolated_home), "PYTHONIOENCODING": "utf-8"}
        done = subprocess.run(
            [sys.executable, "-m", "desktop_app", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd or tmp_path,
            timeout=600,
            encoding="utf-8",
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run
