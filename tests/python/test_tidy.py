# Every call of the module answers with the tidy rows of the CLI's `--format jsonl` for the same
# call (docs/exports.md): the same keys in the same order, numbers as int / float, null as None,
# and guihua.frame gives each column the dtype of the schema (render/tidy.h).
import warnings

import pytest

import guihua

BEIGUAN = "corpus/henan-anyang-beiguan-2021-2030.txt"
DTYPES = {"string": "object", "integer": "Int64", "number": "float64"}
PY_TYPES = {"string": (str,), "integer": (int,), "number": (float,)}


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
    ("search_every_hit", lambda ix, db: ix.search("儿童", limit=None),
     lambda db: ["search", "儿童", "--all", "--db", db]),
    ("compare_targets",
     lambda ix, db: ix.compare_targets(["孕产妇死亡率", "婴儿死亡率"], against="北关区"),
     lambda db: ["compare", "targets", "--indicator", "孕产妇死亡率,婴儿死亡率", "--against",
                 "北关区", "--db", db]),
    ("documents", lambda ix, db: ix.documents(), lambda db: ["documents", "--db", db]),
    ("indicators", lambda ix, db: ix.indicators(plan="儿童"),
     lambda db: ["indicators", "--plan", "儿童", "--db", db]),
    ("indicators_unknown", lambda ix, db: ix.indicators(unknown=True),
     lambda db: ["indicators", "--unknown", "--db", db]),
    ("progress", lambda ix, db: ix.progress("北关", plan="妇女"),
     lambda db: ["progress", "--district", "北关", "--plan", "妇女", "--db", db]),
]


@pytest.fixture(scope="module")
def progress_db(tmp_path_factory, source_dir):
    """北关区's plan with its monitoring reports (tests/fixtures/progress): actuals to attach."""
    db = str(tmp_path_factory.mktemp("progress") / "index")
    quiet(guihua.ingest, [str(source_dir / BEIGUAN), str(source_dir / "tests/fixtures/progress")], db)
    return db


# Each call on the corpus index; progress also on progress_db (the corpus has no reports, so there
# every status is no_data; with them, every column has values), and compare_targets against 北关区,
# whose plan is the reference though it has reports.
CASES = [(*c, "corpus_index") for c in CALLS] + [(*CALLS[-1], "progress_db"),
                                                  (*CALLS[3], "progress_db")]
IDS = [f"{c[0]}-{c[3]}" for c in CASES]


@pytest.fixture
def index_and_db(request, db_fixture):
    db = request.getfixturevalue(db_fixture)
    return guihua.Index(db), db


@pytest.mark.parametrize("name, call, args, db_fixture", CASES, ids=IDS)
def test_rows_are_the_cli_jsonl_rows(index_and_db, cli, source_dir, monkeypatch, name, call, args):
    monkeypatch.chdir(source_dir)
    index, db = index_and_db
    rows = call(index, db)
    expected = cli(*args(db), "--format", "jsonl")
    assert rows and [list(r) for r in rows] == [list(r) for r in expected]
    assert rows == expected


@pytest.mark.parametrize("name, call, args, db_fixture", CASES, ids=IDS)
def test_cells_and_frame_have_the_schema_types(index_and_db, source_dir, monkeypatch, name, call,
                                               args):
    pytest.importorskip("pandas")
    monkeypatch.chdir(source_dir)
    index, db = index_and_db
    rows = call(index, db)
    types = guihua.tidy_types()
    assert set(rows[0]) <= set(types)  # no column outside the schema
    for row in rows:
        for column, cell in row.items():
            assert cell is None or isinstance(cell, PY_TYPES[types[column]]), (column, cell)
    df = guihua.frame(rows)
    assert list(df.columns) == list(rows[0])
    for column in df.columns:
        assert str(df[column].dtype) == DTYPES[types[column]], column


def test_frame_of_search_has_numeric_rank_and_score(corpus_index):
    pytest.importorskip("pandas")
    df = guihua.frame(guihua.Index(corpus_index).search("儿童", limit=5))
    assert df["score"].dtype == "float64" and str(df["rank"].dtype) == "Int64"
    assert list(df["rank"]) == [1, 2, 3, 4, 5]


def test_progress_rows_carry_the_actuals(progress_db):
    pytest.importorskip("pandas")
    df = guihua.frame(guihua.Index(progress_db).progress("北关区", plan="妇女"))
    screening = df[df["indicator_id"] == "cervical_cancer_screening"].iloc[0]
    assert (screening["target"], screening["latest"], screening["gap"]) == (70, 62.5, 7.5)
    assert (screening["latest_year"], screening["reach_year"]) == (2022, 2024)
    assert screening["status"] == "not_achieved"
    assert df["latest"].dtype == "float64" and str(df["reach_year"].dtype) == "Int64"


def test_compare_against_a_district_with_reports_is_against_its_plan(progress_db):
    rows = guihua.Index(progress_db).compare_targets(["孕产妇死亡率"], against="北关区")
    assert {r["document"] for r in rows} == {"henan-anyang-beiguan-2021-2030"}
    rows = guihua.Index(progress_db).compare_targets(["孕产妇死亡率"], against="beiguan-women-2022")
    assert "beiguan-women-2022" in {r["document"] for r in rows}
