# guihua.parse and guihua.extract: files, folders and texts give the CLI's records as dicts, and
# what cannot be read is a guihua.Error with the CLI's one-line message.
import json
import subprocess
import warnings

import pytest

import guihua

BEIGUAN = "corpus/henan-anyang-beiguan-2021-2030.txt"

# The tidy rows of `guihua extract --format jsonl` (docs/exports.md), in their order.
RECORD_FIELDS = ["document", "document_kind", "file", "province", "city", "district",
                 "period_start", "period_end", "plan", "domain", "domain_id", "block", "item",
                 "indicator", "indicator_id", "kind", "year", "base_year", "comparator", "value",
                 "value_max", "unit", "value_text", "quote", "line", "page"]


@pytest.fixture(autouse=True)
def in_source_dir(monkeypatch, source_dir):
    monkeypatch.chdir(source_dir)  # files named as a user in the tree names them


def quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        return call(*args, **kwargs)


def test_extract_file_gives_the_target_records():
    rows = quiet(guihua.extract, BEIGUAN)
    assert list(rows[0].keys()) == RECORD_FIELDS
    mmr = [r for r in rows if r["indicator_id"] == "maternal_mortality" and r["kind"] == "target"]
    assert [mmr[0][k] for k in ("province", "city", "district")] == ["河南省", "安阳市", "北关区"]
    assert (mmr[0]["period_start"], mmr[0]["period_end"]) == (2021, 2030)
    assert (mmr[0]["comparator"], mmr[0]["value"], mmr[0]["unit"]) == ("<=", 12, "/10万")
    assert mmr[0]["quote"] == "孕产妇死亡率下降到12/10万以下"
    assert mmr[0]["file"] == BEIGUAN and mmr[0]["line"] == 66


def test_extract_agrees_with_the_cli(guihua_binary, corpus_files):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    cli = subprocess.run([guihua_binary, "extract", *corpus_files, "--format", "jsonl"],
                         check=True, capture_output=True, text=True).stdout
    expected = [json.loads(line) for line in cli.splitlines()]
    assert quiet(guihua.extract, corpus_files) == expected
    assert len(expected) > 400


def test_a_folder_is_every_plan_file_in_it(corpus_files):
    docs = quiet(guihua.parse, "corpus")
    assert [d["file"] for d in docs] == [f"corpus/{f.rsplit('/', 1)[1]}" for f in corpus_files]
    assert len(quiet(guihua.extract, "corpus/")) == len(quiet(guihua.extract, corpus_files))


def test_parse_one_file_is_one_document():
    doc = quiet(guihua.parse, BEIGUAN)
    assert doc["document"] == "henan-anyang-beiguan-2021-2030"
    assert doc["region"]["district"] == "北关区"
    assert [p["plan"] for p in doc["plans"]] == ["women", "children"]


@pytest.mark.parametrize("text", [
    "到2030年，孕产妇死亡率控制在10/10万以下，婴儿死亡率降至5‰以下。",
    "到2030年，孕产妇死亡率控制在10/10万以下，婴儿死亡率降至5‰以下。".encode("gb18030"),
])
def test_a_text_is_read_as_the_cli_reads_standard_input(text):
    rows = guihua.extract(text, kind="plan", name="pasted")
    assert [(r["indicator_id"], r["value"]) for r in rows] == [
        ("maternal_mortality", 10), ("infant_mortality", 5)]
    assert {r["document"] for r in rows} == {"pasted"}


@pytest.mark.parametrize("call, message", [
    (lambda: guihua.extract("corpus/missing.txt"), "corpus/missing.txt: no such file"),
    (lambda: guihua.parse(["corpus/missing.pdf"]), "corpus/missing.pdf: no such file"),
    (lambda: guihua.extract("x", kind="memo"), "kind: 'memo' is not one of plan, report, text"),
])
def test_errors_are_the_cli_one_line_messages(call, message):
    with pytest.raises(guihua.Error) as e:
        call()
    assert str(e.value) == message
    assert isinstance(e.value, Exception)


def test_the_cli_prints_the_same_message(guihua_binary):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    cli = subprocess.run([guihua_binary, "extract", "corpus/missing.txt"], capture_output=True,
                         text=True)
    assert cli.stderr.strip() == "corpus/missing.txt: no such file"


def test_errors_warn_skips_a_failing_file():
    with pytest.warns(guihua.DocumentWarning, match="corpus/missing.txt: no such file"):
        rows = guihua.extract(["corpus/missing.txt", BEIGUAN], errors="warn")
    assert {r["document"] for r in rows} == {"henan-anyang-beiguan-2021-2030"}


def test_rules_that_do_not_load_are_an_error_naming_the_folder(tmp_path):
    with pytest.raises(guihua.Error, match=f"^{tmp_path}: "):
        guihua.extract(BEIGUAN, rules=tmp_path)


def test_document_warnings_name_the_file_and_line():
    with pytest.warns(guihua.DocumentWarning) as caught:
        guihua.parse(BEIGUAN)
    assert any(str(w.message).startswith(BEIGUAN + ":") for w in caught)
    assert all(w.filename == __file__ for w in caught)  # the caller's line, not the package's
