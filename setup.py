"""The build step `pip install .` and `pip wheel .` run (pyproject.toml declares the rest).

The version is read from include/indeval/version.hpp, the file the CMake build reads too. Building
the Python package runs the project's CMake build (Release, the C ABI library only) and copies the
library into the package folder, where indeval._native looks first after INDEVAL_LIBRARY.

Environment: CMAKE (the cmake program), CMAKE_GENERATOR (default Ninja when available), and
INDEVAL_BUILD_JOBS (parallel build jobs; default: cmake's).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # no wheel package: `pip install .` still works through setup.py
    bdist_wheel = None

ROOT = Path(__file__).resolve().parent
PACKAGE = "indeval"


def version() -> str:
    text = (ROOT / "include" / "indeval" / "version.hpp").read_text(encoding="utf-8")
    parts = [re.search(rf"#define INDEVAL_VERSION_{p} (\d+)", text) for p in
             ("MAJOR", "MINOR", "PATCH")]
    if not all(parts):
        sys.exit("setup.py: include/indeval/version.hpp lacks INDEVAL_VERSION_MAJOR/MINOR/PATCH")
    return ".".join(m.group(1) for m in parts)


def library_names() -> tuple:
    if sys.platform == "win32":
        return ("indeval.dll",)
    if sys.platform == "darwin":
        return ("libindeval.dylib",)
    return ("libindeval.so",)


class BuildWithLibrary(build_py):
    """build_py, then the C ABI library through CMake, copied into the built package."""

    def run(self):
        super().run()
        package_dir = Path(self.build_lib) / PACKAGE
        self.build_library(package_dir)
        (package_dir / "_version.py").write_text(
            f'"""Written by setup.py from include/indeval/version.hpp."""\n'
            f'version = "{self.distribution.get_version()}"\n', encoding="utf-8")

    def build_library(self, package_dir: Path) -> None:
        cmake = os.environ.get("CMAKE", "cmake")
        if shutil.which(cmake) is None:
            sys.exit("setup.py: cmake is needed to build the indeval library "
                     "(Debian: scripts/deps.sh build)")
        build_dir = Path(self.get_finalized_command("build").build_temp).resolve() / "cmake"
        configure = [cmake, "-S", str(ROOT), "-B", str(build_dir),
                     "-DCMAKE_BUILD_TYPE=Release", "-DINDEVAL_CAPI_ONLY=ON"]
        if "CMAKE_GENERATOR" not in os.environ and shutil.which("ninja") and \
                not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        build = [cmake, "--build", str(build_dir), "--config", "Release",
                 "--target", "indeval_capi"]
        jobs = os.environ.get("INDEVAL_BUILD_JOBS")
        if jobs:
            build += ["--parallel", jobs]
        for command in (configure, build):
            self.announce(" ".join(command), level=2)
            subprocess.run(command, check=True)
        for name in library_names():
            found = sorted(p for p in build_dir.rglob(name) if p.is_file())
            if not found:
                sys.exit(f"setup.py: the CMake build made no {name} under {build_dir}")
            # Copied as a plain file under its unversioned name: ctypes loads it by path.
            shutil.copyfile(found[0].resolve(), package_dir / name)
            os.chmod(package_dir / name, 0o755)


class DistributionWithLibrary(Distribution):
    """Holds a native library, so it builds into a platform folder and a platform wheel."""

    def has_ext_modules(self):
        return True


commands = {"build_py": BuildWithLibrary}

if bdist_wheel is not None:
    class PlatformWheel(bdist_wheel):
        """A wheel for this platform (it holds a native library) that any Python 3 can load:
        the library is loaded with ctypes, not as an extension module."""

        def get_tag(self):
            _, _, plat = super().get_tag()
            return "py3", "none", plat

    commands["bdist_wheel"] = PlatformWheel

setup(version=version(), cmdclass=commands, distclass=DistributionWithLibrary)
