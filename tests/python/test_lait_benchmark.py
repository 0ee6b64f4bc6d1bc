"""examples/lait_benchmark.py and bench/bench_compare.py (as a quick smoke test) on the real LAIT
data (<shared>/data/lait: INDEVAL_SHARED_DIR or `shared` beside the repository; without it these
tests fail, as test_lait_example does)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
from pathlib import Path

import indeval

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("INDEVAL_SHARED_DIR") or REPO.parent / "shared")


def _load(path: Path):
    assert (SHARED / "data" / "lait" / "bds_long.csv.gz").is_file(), \
        f"the LAIT data is missing: set INDEVAL_SHARED_DIR (looked in {SHARED})"
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
    rc, text = _run(example, ["--measure", "Level3Age19", "TotFixedEx", "--area", "301",
                              "--csv", str(tmp_path / "out.csv")])
    assert rc == 0
    assert "ranked local-authority rows" in text
    import pandas as pd
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False, dtype={"period": str})
    row = out[(out["area"] == 301) & (out["measure"] == "Level3Age19") & (out["period"] == "2023")]
    assert row["rank"].iloc[0] == 32 and row["quartile"].iloc[0] == "A"  # as the extract says
    assert set(out.loc[out["area"].isin([970, *range(980, 991)]), "rank"]) == {0}


def test_bench_smoke():
    bench = _load(REPO / "bench" / "bench_compare.py")
    rc, text = _run(bench, ["--quick", "--repeat", "1"])
    assert rc == 0
    assert "every rank and band equal to the independent pandas computation" in text
    assert "neighbour means equal to pandas" in text
    assert indeval.library_path().is_file()
