"""examples/lait_benchmark.py and bench/bench_compare.py (as a quick smoke test) on real LAIT
data: the extract the repository holds (tests/data/lait, six measures for every authority and
period, and tests/data/statistical_neighbours.csv; see tests/data/README.md), laid out as the full
data is (<shared>/data/lait) and given to both through INDEVAL_SHARED_DIR."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import pytest

import indeval

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture(autouse=True)
def extract_as_shared(tmp_path, monkeypatch):
    lait = tmp_path / "shared" / "data" / "lait"
    lait.mkdir(parents=True)
    for source in (DATA / "lait" / "bds_long.csv.gz", DATA / "lait" / "lait_data_dictionary.csv.gz",
                   DATA / "statistical_neighbours.csv"):
        assert source.is_file(), f"the LAIT extract {source} is missing"
        (lait / source.name).symlink_to(source)
    monkeypatch.setenv("INDEVAL_SHARED_DIR", str(tmp_path / "shared"))


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(module, argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = module.main(argv)
    return rc, out.getvalue()


def test_example_on_two_measures(tmp_path):
    example = _load(REPO / "examples" / "lait_benchmark.py")
    rc, text = _run(example, ["--measure", "InfMort", "RevCP", "--area", "301",
                              "--csv", str(tmp_path / "out.csv")])
    assert rc == 0
    assert "ranked local-authority rows" in text
    import pandas as pd
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False, dtype={"period": str})
    comparators = out["area"].isin([970, *range(980, 991)])
    assert set(out.loc[comparators, "rank"]) == {0}
    # Within each (measure, period), the ranks are the minimum ranks of the values in one of the
    # two directions (which one is the measure's polarity).
    las = out[~comparators & (out["rank"] > 0)]
    assert len(las) > 1000
    for _, g in las.groupby(["measure", "period"]):
        values = pd.to_numeric(g["value"])
        up = values.rank(method="min", ascending=True).astype(int)
        down = values.rank(method="min", ascending=False).astype(int)
        assert (g["rank"] == up).all() or (g["rank"] == down).all()


def test_bench_smoke():
    bench = _load(REPO / "bench" / "bench_compare.py")
    rc, text = _run(bench, ["--quick", "--repeat", "1"])
    assert rc == 0
    assert "every rank and band equal to the independent pandas computation" in text
    assert "neighbour means equal to pandas" in text
    assert indeval.library_path().is_file()
