"""Each tidy export of the built CLI loads with pandas into the right dtypes (docs/exports.md).

Runs `guihua` (GUIHUA_BINARY, else build/guihua) on the corpus: an index is made once in a
temporary folder (or GUIHUA_CORPUS_INDEX is used), then every table command's csv and jsonl are
read with pandas.read_csv / read_json(lines=True).
"""
import io
import os
import pathlib
import subprocess

import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("GUIHUA_BINARY", str(ROOT / "build" / "guihua"))
PLAN = str(ROOT / "corpus" / "henan-anyang-beiguan-2021-2030.txt")

NUMERIC = {"value", "value_max", "period_start", "period_end", "year", "base_year", "line",
           "end_line", "page", "item", "rank", "score", "similarity", "group", "items", "targets",
           "documents", "values", "same_text", "target", "target_max", "target_year", "baseline",
           "baseline_year", "latest_year", "latest", "gap", "per_year", "reach_year", "disagrees",
           "latest_line"}


def run(*args):
    out = subprocess.run([BINARY, "--rules", str(ROOT / "rules"), *args], capture_output=True,
                         check=True)
    return out.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    given = os.environ.get("GUIHUA_CORPUS_INDEX")
    if given:
        return given
    path = str(tmp_path_factory.mktemp("index") / "db")
    run("ingest", "--db", path, *sorted(str(p) for p in (ROOT / "corpus").glob("*.txt")))
    return path


COMMANDS = {
    "extract": (["extract", PLAN], ["value", "year", "period_start", "line"]),
    "search": (["search", "家庭教育", "--all"], ["rank", "score", "period_start", "line"]),
    "compare_targets": (["compare", "targets", "--against", "北关区"],
                        ["value", "period_start", "line"]),
    "compare_measures": (["compare", "measures", "--domain", "children.family"],
                         ["group", "similarity", "line"]),
    "diff": (["diff", "北关区", "资阳区"], ["value", "line"]),
    "documents": (["documents"], ["period_start", "items", "targets"]),
    "indicators": (["indicators"], ["targets", "documents"]),
    "progress": (["progress", "--district", "北关区"], ["target", "target_year"]),
}


def args_for(name, db):
    args, _ = COMMANDS[name]
    return args if name == "extract" else args + ["--db", db]


def check_dtypes(frame, must_be_numeric):
    assert len(frame) > 0
    for column in frame.columns:
        if column in NUMERIC:
            assert pd.api.types.is_numeric_dtype(frame[column]), (column, frame[column].dtype)
        elif frame[column].notna().any():
            assert frame[column].dtype == object, (column, frame[column].dtype)
    for column in must_be_numeric:
        assert column in frame.columns, column
        assert frame[column].notna().any(), column


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_csv_loads_with_numeric_columns(name, db):
    data = run(*args_for(name, db), "--format", "csv")
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV keeps its BOM"
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    check_dtypes(frame, COMMANDS[name][1])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_jsonl_loads_with_numeric_columns(name, db):
    data = run(*args_for(name, db), "--format", "jsonl")
    # dtype=False: pandas keeps what the JSON says (numbers numbers, strings strings).
    frame = pd.read_json(io.BytesIO(data), lines=True, dtype=False)
    check_dtypes(frame, COMMANDS[name][1])


def test_compare_csv_and_jsonl_agree(db):
    args = args_for("compare_targets", db)
    csv = pd.read_csv(io.BytesIO(run(*args, "--format", "csv")), encoding="utf-8-sig")
    jsonl = pd.read_json(io.BytesIO(run(*args, "--format", "jsonl")), lines=True, dtype=False)
    assert list(csv.columns) == list(jsonl.columns)
    assert len(csv) == len(jsonl)
    # The reference appears once: its rows have verdict "reference", and no row judges it.
    reference = csv[csv.verdict == "reference"].document.unique()
    assert len(reference) == 1
    assert not ((csv.document == reference[0]) & (csv.verdict != "reference")).any()
