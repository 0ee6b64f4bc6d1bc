"""`pip install .` the way a Python user runs it, offline, in a fresh clone of the repository:
Debian's python3 -m venv --system-site-packages, then pip install --no-build-isolation --no-index.
No INDEVAL_LIBRARY, no PYTHONPATH: the installed package must carry its own library. Slow (a
Release build of the library), so ctest runs it in the dev preset only, labelled `slow`.

The clone is of the repository's committed HEAD (uncommitted changes are not in it); a source tree
that is not a git checkout is copied instead (without build/).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RULES = "95% or above Green 85%-94% Amber 84% and below Red"


def _version_hpp(root: Path) -> str:
    text = (root / "include" / "indeval" / "version.hpp").read_text(encoding="utf-8")
    return ".".join(re.search(rf"#define INDEVAL_VERSION_{p} (\d+)", text).group(1)
                    for p in ("MAJOR", "MINOR", "PATCH"))


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("INDEVAL_LIBRARY", "PYTHONPATH", "LD_PRELOAD", "PYTHONHOME")}
    env.setdefault("INDEVAL_BUILD_JOBS", "2")
    env["PIP_NO_INPUT"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd, cwd, env, timeout=1500):
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, f"{cmd} exited {r.returncode}\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    return r


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("clone") / "indeval"
    env = _clean_env()
    if (REPO / ".git").exists() and shutil.which("git"):
        _run(["git", "clone", "--quiet", "--no-hardlinks", REPO, dest], cwd=REPO.parent, env=env)
    else:
        shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns("build", "__pycache__"))
    return dest


@pytest.fixture(scope="module")
def venv(tmp_path_factory, source) -> Path:
    v = tmp_path_factory.mktemp("venv") / "v"
    env = _clean_env()
    _run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", v], cwd=source, env=env)
    start = time.monotonic()
    _run([v / "bin" / "python", "-m", "pip", "install", "--no-build-isolation", "--no-index", "."],
         cwd=source, env=env)
    print(f"\npip install . took {time.monotonic() - start:.1f} s (wall, fresh clone)")
    return v


def test_the_indeval_command_runs_from_the_installed_package(venv, source, tmp_path):
    env = _clean_env()
    exe = venv / "bin" / "indeval"
    assert exe.is_file(), "pip install . made no `indeval` console script"
    r = _run([exe, "--version"], cwd=tmp_path, env=env)
    assert r.stdout == f"indeval {_version_hpp(source)}\n"
    r = _run([exe, "rate", "--rules", RULES, "63.9", "94.95", "96"], cwd=tmp_path, env=env)
    assert r.stdout.split() == ["Red", "Amber", "Green"]
    # The built-in seed scorecard ships in the package.
    r = _run([exe, "scorecard", "--format", "csv"], cwd=tmp_path, env=env)
    assert r.stdout.startswith("ref,period,value,rated_value,unit,target,status")
    assert "AMT 2,Nov-17,63.9" in r.stdout
    # python -m indeval is the same program.
    m = _run([venv / "bin" / "python", "-m", "indeval", "rate", "--rules", RULES, "63.9"],
             cwd=tmp_path, env=env)
    assert m.stdout == "Red\n"


def test_the_library_is_the_one_inside_the_installed_package(venv, tmp_path):
    env = _clean_env()
    r = _run([venv / "bin" / "python", "-c",
              "import indeval, sys; print(indeval.library_path()); print(indeval.__file__); "
              "print(indeval.__version__ == indeval.library_version())"], cwd=tmp_path, env=env)
    library, init, same = r.stdout.splitlines()
    package = Path(init).parent
    assert Path(library).parent == package, (library, init)
    assert str(package).startswith(str(venv)), package
    assert same == "True"


def test_pip_wheel_makes_a_platform_wheel_holding_the_library(venv, source, tmp_path):
    env = _clean_env()
    _run([venv / "bin" / "python", "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "-w", tmp_path, "."], cwd=source, env=env)
    wheels = list(tmp_path.glob("indeval-*.whl"))
    assert len(wheels) == 1, wheels
    name = wheels[0].name
    assert name.startswith(f"indeval-{_version_hpp(source)}-py3-none-"), name
    assert "any" not in name.split("-")[-1], name  # a platform wheel: it holds a native library
    with zipfile.ZipFile(wheels[0]) as z:
        names = set(z.namelist())
    assert "indeval/libindeval.so" in names or "indeval/indeval.dll" in names
    assert "indeval/data/seed_scorecard.csv" in names
    assert "indeval/_version.py" in names


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", "-s"]))
