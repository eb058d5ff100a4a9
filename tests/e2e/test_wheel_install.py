"""A plain (non-editable) install of the built wheel finds its resources and migrations."""

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree")
def test_wheel_installs_and_inits_a_database_outside_the_source_tree(tmp_path):
    dist = tmp_path / "dist"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--quiet",
        "-w",
        str(dist),
        str(ROOT),
    )
    (wheel,) = dist.glob("exportdesk-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    # The dependencies (PySide6, SQLAlchemy …) come from this environment, read-only;
    # ExportDesk itself only from the wheel (an editable install's .pth is not processed here).
    site = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(site.stdout.strip(), "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--no-deps",
        "--quiet",
        str(wheel),
    )

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["EXPORTDESK_HOME"] = str(tmp_path / "home")
    where = _run(
        str(python),
        "-c",
        "import desktop_app, desktop_app.paths as p; "
        "print(desktop_app.__file__); print(p.resources_dir()); print(p.migrations_dir())",
        cwd=outside,
        env=env,
    ).stdout.split()
    assert all(str(venv) in line for line in where), where

    exe = scripts / ("desktop-app.exe" if os.name == "nt" else "desktop-app")
    db = tmp_path / "x.sqlite"
    done = _run(str(exe), "--db", str(db), "init", "--json", cwd=outside, env=env)
    assert json.loads(done.stdout)["schema_revision"]
    status = _run(str(exe), "--db", str(db), "status", "--json", cwd=outside, env=env)
    assert json.loads(status.stdout)["counts"]["skus"] == 0
