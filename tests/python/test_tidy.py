# Every call of the module answers with the tidy rows of the CLI's `--format jsonl` for the same
# call (docs/exports.md): the same keys in the same order, numbers as int / float, null as None,
# and guihua.frame gives each column the dtype of the schema (render/tidy.h).
import warnings

import pytest

import guihua

BEIGUAN = "corpus/henan-anyang-beiguan-2021-2030.txt"
DTYPES = {"string": "object", "integer": "Int64", "number": "float64"}
PY_TYPES = {"string": (str,), "integer": (int,), "number": (float,)}


@pytest.fixture(scope="module")
def index(corpus_index):
    return guihua.Index(corpus_index)


def quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        return call(*args, **kwargs)


# (name, the module's call, the CLI's arguments for the same rows); `db` is the corpus index.
CALLS = [
    ("extract", lambda ix, db: quiet(guihua.extract, BEIGUAN),
     lambda db: ["extract", BEIGUAN]),
    ("search", lambda ix, db: ix.search("家庭教育", district="北关", limit=30),
     lambda db: ["search", "家庭教育", "--district", "北关", "--limit", 30, "--db", db]),
    ("compare_targets",
     lambda ix, db: ix.compare_targets(["孕产妇死亡率", "婴儿死亡率"], against="北关区"),
     lambda db: ["compare", "targets", "--indicator", "孕产妇死亡率,婴儿死亡率", "--against",
                 "北关区", "--db", db]),
    ("documents", lambda ix, db: ix.documents(), lambda db: ["documents", "--db", db]),
    ("indicators", lambda ix, db: ix.indicators(plan="儿童"),
     lambda db: ["indicators", "--plan", "儿童", "--db", db]),
    ("indicators_unknown", lambda ix, db: ix.indicators(unknown=True),
     lambda db: ["indicators", "--unknown", "--db", db]),
]


@pytest.mark.parametrize("name, call, args", CALLS, ids=[c[0] for c in CALLS])
def test_rows_are_the_cli_jsonl_rows(index, corpus_index, cli, source_dir, monkeypatch, name, call,
                                     args):
    monkeypatch.chdir(source_dir)
    rows = call(index, corpus_index)
    expected = cli(*args(corpus_index), "--format", "jsonl")
    assert rows and [list(r) for r in rows] == [list(r) for r in expected]
    assert rows == expected


@pytest.mark.parametrize("name, call, args", CALLS, ids=[c[0] for c in CALLS])
def test_cells_and_frame_have_the_schema_types(index, corpus_index, source_dir, monkeypatch, name,
                                               call, args):
    pd = pytest.importorskip("pandas")
    monkeypatch.chdir(source_dir)
    rows = call(index, corpus_index)
    types = guihua.tidy_types()
    assert set(rows[0]) <= set(types)  # no column outside the schema
    for row in rows:
        for column, cell in row.items():
            assert cell is None or isinstance(cell, PY_TYPES[types[column]]), (column, cell)
    df = guihua.frame(rows)
    assert list(df.columns) == list(rows[0])
    for column in df.columns:
        assert str(df[column].dtype) == DTYPES[types[column]], column


def test_frame_of_search_has_numeric_rank_and_score(index):
    pytest.importorskip("pandas")
    df = guihua.frame(index.search("儿童", limit=5))
    assert df["score"].dtype == "float64" and str(df["rank"].dtype) == "Int64"
    assert list(df["rank"]) == [1, 2, 3, 4, 5]
