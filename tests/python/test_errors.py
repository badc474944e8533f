# What the CLI reports as an error is a guihua.Error whose message is exactly the CLI's line on
# stderr for the same call: a missing file, a file that is not text, a bad query, names that
# resolve to nothing, an index that does not open. A GBK file is no error: it reads as the CLI
# reads it.
import subprocess
import warnings

import pytest

import guihua

BEIGUAN = "corpus/henan-anyang-beiguan-2021-2030.txt"


@pytest.fixture(scope="module")
def index(corpus_index):
    return guihua.Index(corpus_index)


@pytest.fixture(autouse=True)
def in_source_dir(monkeypatch, source_dir):
    monkeypatch.chdir(source_dir)


@pytest.fixture(scope="module")
def binary_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "binary.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return str(path)


# (id, the module's call, the CLI's arguments); `db` is the corpus index, `bad` a binary file.
CASES = [
    ("missing file", lambda ix, db, bad: guihua.extract("corpus/missing.txt"),
     lambda db, bad: ["extract", "corpus/missing.txt"]),
    ("not text", lambda ix, db, bad: guihua.parse(bad), lambda db, bad: ["parse", bad]),
    ("unclosed quote", lambda ix, db, bad: ix.search('"家庭'),
     lambda db, bad: ["search", '"家庭', "--db", db]),
    ("district with no plan", lambda ix, db, bad: ix.search("家庭", district="朝阳"),
     lambda db, bad: ["search", "家庭", "--district", "朝阳", "--db", db]),
    ("unknown indicator", lambda ix, db, bad: ix.search("家庭", indicator="孕产妇死往率"),
     lambda db, bad: ["search", "家庭", "--indicator", "孕产妇死往率", "--db", db]),
    ("compare unknown indicator", lambda ix, db, bad: ix.compare_targets("孕产妇死往率"),
     lambda db, bad: ["compare", "targets", "--indicator", "孕产妇死往率", "--db", db]),
    ("compare against nothing", lambda ix, db, bad: ix.compare_targets(against="朝阳区"),
     lambda db, bad: ["compare", "targets", "--against", "朝阳区", "--db", db]),
    ("compare against a missing file",
     lambda ix, db, bad: ix.compare_targets(against="corpus/missing.txt"),
     lambda db, bad: ["compare", "targets", "--against", "corpus/missing.txt", "--db", db]),
    ("compare against a binary file", lambda ix, db, bad: ix.compare_targets(against=bad),
     lambda db, bad: ["compare", "targets", "--against", bad, "--db", db]),
    ("progress district", lambda ix, db, bad: ix.progress("朝阳"),
     lambda db, bad: ["progress", "--district", "朝阳", "--db", db]),
    ("indicators unknown plan", lambda ix, db, bad: ix.indicators(plan="老人"),
     lambda db, bad: ["indicators", "--plan", "老人", "--db", db]),
    ("index that does not open", lambda ix, db, bad: guihua.Index(db + "-none"),
     lambda db, bad: ["documents", "--db", db + "-none"]),
]


@pytest.mark.parametrize("name, call, args", CASES, ids=[c[0] for c in CASES])
def test_the_error_is_the_cli_line(index, corpus_index, binary_file, guihua_binary, source_dir,
                                   name, call, args):
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")
    cli = subprocess.run([guihua_binary, *args(corpus_index, binary_file)], cwd=source_dir,
                         capture_output=True, text=True)
    assert cli.returncode != 0 and cli.stderr.count("\n") == 1, cli.stderr
    with pytest.raises(guihua.Error) as e:
        call(index, corpus_index, binary_file)
    assert str(e.value) == cli.stderr.strip()


def test_a_gbk_file_reads_as_the_cli_reads_it(tmp_path, cli, source_dir):
    gbk = tmp_path / "beiguan-gbk.txt"
    gbk.write_bytes((source_dir / BEIGUAN).read_text(encoding="utf-8").encode("gbk"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", guihua.DocumentWarning)
        rows = guihua.extract(gbk)
    assert rows == cli("extract", gbk, "--format", "jsonl")
    assert {r["district"] for r in rows} == {"北关区"} and len(rows) > 50
