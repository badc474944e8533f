# guihua.ingest and guihua.Index: the index answers as the CLI does (search, documents,
# indicators), names are resolved as the CLI resolves them, and DataFrames have numeric columns.
import json
import subprocess
import warnings

import pytest

import guihua


@pytest.fixture(scope="module")
def index(corpus_index):
    return guihua.Index(corpus_index)


def test_search_filters_take_names_as_the_cli_does(index):
    hits = index.search("家庭教育", district="北关", plan="儿童", limit=5)
    assert 0 < len(hits) <= 5
    assert {h["district"] for h in hits} == {"北关区"}
    assert {h["plan"] for h in hits} == {"children"}
    assert "家庭教育" in hits[0]["text"]


def test_search_agrees_with_the_cli(index, corpus_index, guihua_binary):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    assert index.search("妇女儿童之家", limit=20) == cli_jsonl(
        guihua_binary, "search", "妇女儿童之家", "--db", corpus_index, "--limit", "20", "--format",
        "jsonl")


def test_search_without_limit_gives_every_hit(index):
    every = index.search("儿童", limit=None)
    assert len(every) > len(index.search("儿童", limit=100)) == 100
    assert [h["rank"] for h in every] == list(range(1, len(every) + 1))
    assert len(index.search(limit=None, year=2025, district="南开区")) > 0


def test_search_errors(index):
    with pytest.raises(TypeError, match="unknown filter 'distrct'; did you mean district"):
        index.search("x", distrct="北关区")
    with pytest.raises(guihua.Error, match="^search: district '朝阳区' has no plan in the index"):
        index.search("x", district="朝阳区")
    with pytest.raises(guihua.Error, match="^search: unclosed quote"):
        index.search('"x')


def test_an_index_that_does_not_open_is_an_error_naming_it(tmp_path):
    with pytest.raises(guihua.Error, match=f"^{tmp_path / 'none'}: "):
        guihua.Index(tmp_path / "none")


def test_documents_and_indicators(index):
    docs = index.documents()
    assert len(docs) == 5
    assert {d["district"] for d in docs} >= {"北关区", "昆都仑区", "南开区"}
    women = index.indicators(plan="妇女")
    mmr = next(i for i in women if i["indicator_id"] == "maternal_mortality")
    assert mmr["documents"] == 5 and mmr["indicator"] == "孕产妇死亡率"
    assert {i["plan"] for i in women} <= {"women", "both"}


def test_ingest_adds_files_and_skips_unchanged_ones(tmp_path, corpus_files):
    db = tmp_path / "index"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        first = guihua.ingest(corpus_files[:2], db)
        again = guihua.ingest(corpus_files[:2], db)
    assert (first["indexed"], first["unchanged"], first["failed"]) == (2, 0, [])
    assert (again["indexed"], again["unchanged"]) == (0, 2)
    assert len(guihua.Index(db).documents()) == 2


def test_ingest_of_a_missing_file_raises_after_the_others(tmp_path, corpus_files):
    db = tmp_path / "index"
    missing = str(tmp_path / "missing.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        with pytest.raises(guihua.Error, match=f"^{missing}: no such file"):
            guihua.ingest([missing, corpus_files[0]], db)
    assert len(guihua.Index(db).documents()) == 1


def test_frame_has_numeric_columns(index):
    pd = pytest.importorskip("pandas")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        df = guihua.frame(guihua.extract(index.documents()[0]["file"]))
    assert df["value"].dtype == "float64" and df["value_max"].dtype == "float64"
    assert str(df["year"].dtype) == "Int64" and str(df["line"].dtype) == "Int64"
    assert str(df["period_start"].dtype) == "Int64"
    assert {"province", "city", "district"} <= set(df.columns)
    docs = guihua.frame([guihua.parse(index.documents()[0]["file"])])
    assert "district" in docs.columns and "region" not in docs.columns  # nested objects spread
    hits = guihua.frame(index.search("儿童", limit=3))
    assert pd.api.types.is_numeric_dtype(hits["score"]) and len(hits) == 3


def cli_jsonl(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_compare_targets_agrees_with_the_cli(index, corpus_index, guihua_binary):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    rows = index.compare_targets(["孕产妇死亡率", "婴儿死亡率"], district="北关,南开", against="南开区")
    assert rows == cli_jsonl(guihua_binary, "compare", "targets", "--db", corpus_index,
                             "--indicator", "孕产妇死亡率,婴儿死亡率", "--district", "北关,南开",
                             "--against", "南开区", "--format", "jsonl")
    assert {r["verdict"] for r in rows} >= {"reference", "same"}


def test_compare_targets_of_one_indicator_by_district(index):
    pd = pytest.importorskip("pandas")
    df = guihua.frame(index.compare_targets("maternal_mortality"))
    assert set(df["district"]) >= {"北关区", "昆都仑区"}
    targets = df[df["kind"] == "target"]
    assert (targets["value"] == 12).all() and df["value"].dtype == "float64"
    with pytest.raises(guihua.Error, match="^compare: unknown indicator '孕产妇死往率'; did you mean"):
        index.compare_targets("孕产妇死往率")


def test_progress_agrees_with_the_cli(index, corpus_index, guihua_binary):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    assert index.progress("北关") == cli_jsonl(guihua_binary, "progress", "--db", corpus_index,
                                               "--district", "北关", "--format", "jsonl")


def test_compare_against_a_plan_file_agrees_with_the_cli(index, corpus_index, guihua_binary,
                                                         tmp_path, source_dir):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    plan = tmp_path / "my-plan.txt"  # a plan that is not in the index
    plan.write_bytes((source_dir / "corpus/henan-anyang-beiguan-2021-2030.txt").read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        rows = index.compare_targets(["孕产妇死亡率", "婴儿死亡率"], against=plan)
    assert rows == cli_jsonl(guihua_binary, "compare", "targets", "--db", corpus_index,
                             "--indicator", "孕产妇死亡率,婴儿死亡率", "--against", str(plan),
                             "--format", "jsonl")
    assert {r["document"] for r in rows if r["verdict"] == "reference"} == {"my-plan"}
    assert {r["verdict"] for r in rows} >= {"reference", "same"}


def test_search_collapses_same_texts_unless_asked_not_to(index):
    one = index.search("儿童常见疾病", limit=None)
    each = index.search("儿童常见疾病", limit=None, collapse=False)
    assert (len(one), len(each)) == (2, 6)
    assert one[0]["same_text"] == 5
    assert set(one[0]["same_text_districts"].split()) == {
        h["district"] for h in each if h["text"] == one[0]["text"]}
    assert all(h["same_text"] is None for h in each)
