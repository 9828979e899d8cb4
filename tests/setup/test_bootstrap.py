"""The system bootstrap: quiet when all is installed, exact apt-get line when not root."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "scripts" / "bootstrap-system.sh"


def _fake_bin(tmp_path: Path, uid: int, installed: bool) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    status = "install ok installed" if installed else ""
    for name, body in {
        "id": f"echo {uid}",
        "dpkg-query": f"printf '{status}'" if installed else "exit 1",
        "apt-get": "echo apt-get must not run >&2; exit 99",
    }.items():
        tool = folder / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    return folder


def _run(tmp_path: Path, uid: int, installed: bool) -> subprocess.CompletedProcess[str]:
    fake = _fake_bin(tmp_path, uid, installed)
    env = {"PATH": f"{fake}:/usr/bin:/bin"}
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env)


def test_not_root_prints_the_exact_apt_get_line_and_fails(tmp_path):
    done = _run(tmp_path, uid=1000, installed=False)
    assert done.returncode == 1
    assert "run as root:  apt-get update && apt-get install -y --no-install-recommends " in (
        done.stderr
    )
    for package in (
        "libcairo2-dev",
        "texlive-latex-extra",
        "dvisvgm",
        "chromium",
        "chromium-driver",
    ):
        assert package in done.stderr
    assert "apt-get must not run" not in done.stderr


def test_nothing_to_do_when_everything_is_installed(tmp_path):
    done = _run(tmp_path, uid=1000, installed=True)
    assert done.returncode == 0
    assert done.stdout == done.stderr == ""
