"""The command line's progress bar: on a terminal, only for runs over the delay, never with
--quiet or when stderr is not a terminal (checked through a pseudo-terminal)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from indeval._progress import DEFAULT_DELAY, Progress, default_delay

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "bindings" / "python"


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_no_bar_before_the_delay_then_a_bar_that_is_erased_at_the_end():
    term, clock = Terminal(), Clock()
    with Progress(10, "rating", stream=term, delay=2.0, clock=clock) as p:
        for _ in range(5):
            clock.now += 0.3
            p.advance()
        assert term.getvalue() == ""  # 1.5 s: a short run never sees a bar
        clock.now += 1.0
        p.advance()
        assert term.getvalue() == "\rrating [##################............]  60% 6/10"
        clock.now += 0.05  # redrawn at most ten times a second...
        p.advance()
        assert term.getvalue().count("\r") == 1
        clock.now += 0.2
        p.advance()
        assert term.getvalue().endswith("\rrating [########################......]  80% 8/10")
        p.advance(2)  # ...but always at the end
        assert term.getvalue().endswith("100% 10/10")
    width = len("rating [##############################] 100% 10/10")
    assert term.getvalue().endswith("\r" + " " * width + "\r")


def test_quiet_or_not_a_terminal_draws_nothing():
    for stream, quiet in ((Terminal(), True), (io.StringIO(), False)):
        clock = Clock()
        with Progress(3, stream=stream, delay=0.0, quiet=quiet, clock=clock) as p:
            for _ in p.iterate(range(3)):
                clock.now += 5
        assert stream.getvalue() == ""
        assert p.done == 3


def test_edges_of_the_count():
    assert Progress(0, "x", stream=Terminal()).line() == "x 0"
    p = Progress(3, stream=Terminal(), delay=0.0)
    p.advance(10)  # never past the total
    assert p.done == 3 and p.line().endswith("100% 3/3")
    assert Progress(-5).total == 0


def test_a_closed_terminal_is_not_an_error():
    term = Terminal()
    p = Progress(2, stream=term, delay=0.0)
    term.close()
    p.advance()
    p.close()
    assert not p.enabled


@pytest.mark.parametrize("text, delay", [("", DEFAULT_DELAY), ("0", 0.0), ("0.5", 0.5),
                                         ("-1", DEFAULT_DELAY), ("soon", DEFAULT_DELAY),
                                         ("nan", DEFAULT_DELAY)])
def test_delay_from_the_environment(monkeypatch, text, delay):
    monkeypatch.setenv("INDEVAL_PROGRESS_DELAY", text)
    assert default_delay() == delay


def run_on_terminal(*argv, delay: str):
    """Runs the command line with stderr on a pseudo-terminal; returns (stdout, stderr)."""
    main, sub = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "INDEVAL_PROGRESS_DELAY": delay}
    proc = subprocess.Popen([sys.executable, "-m", "indeval", *argv], stdout=subprocess.PIPE,
                            stderr=sub, env=env)
    os.close(sub)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("the command line hung")
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read()
    proc.wait(timeout=60)
    os.close(main)
    assert proc.returncode == 0
    return out.decode(), b"".join(chunks).decode()


def test_the_scorecard_command_draws_a_bar_on_a_terminal():
    out, err = run_on_terminal("scorecard", "--format", "csv", delay="0")
    assert "rating [" in err and "100% 34/34" in err
    assert err.rstrip(" ").endswith("\r")  # erased at the end
    assert out.startswith("ref,period,value") and "[" not in out


def test_lint_and_rate_draw_one_too():
    _, err = run_on_terminal("lint", "--format", "csv", delay="0")
    assert "linting [" in err and "100% 34/34" in err
    out, err = run_on_terminal("rate", "--rules", "90 or above Green 80-89 Amber below 80 Red",
                               "95", "85", "5",
                               delay="0")
    assert "100% 3/3" in err and out == "Green\nAmber\nRed\n"


def test_quiet_and_short_runs_draw_nothing_on_a_terminal():
    _, err = run_on_terminal("scorecard", "--quiet", "--format", "csv", delay="0")
    assert err == ""
    _, err = run_on_terminal("lint", "-q", delay="0")
    assert err == ""
    _, err = run_on_terminal("scorecard", "--format", "csv", delay="600")
    assert err == ""


def test_no_bar_when_stderr_is_not_a_terminal():
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "INDEVAL_PROGRESS_DELAY": "0"}
    r = subprocess.run([sys.executable, "-m", "indeval", "scorecard", "--format", "csv"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and r.stderr == ""
