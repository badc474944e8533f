# Shared fixtures of the Python module's tests: the source tree, the CLI binary to compare with, and
# an index of corpus/*.txt (the ctest corpus_index fixture's when $GUIHUA_CORPUS_INDEX names one,
# else made once per session with guihua.ingest).
import json
import os
import pathlib
import subprocess

import pytest

import guihua

SOURCE_DIR = pathlib.Path(os.environ.get("GUIHUA_SOURCE_DIR", pathlib.Path(__file__).parents[2]))


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


@pytest.fixture(scope="session")
def corpus_files():
    return sorted(str(p) for p in (SOURCE_DIR / "corpus").glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, corpus_files):
    shared = os.environ.get("GUIHUA_CORPUS_INDEX")
    if shared and os.path.isdir(shared):
        return shared
    db = str(tmp_path_factory.mktemp("corpus") / "index")
    guihua.ingest(corpus_files, db)
    return db


@pytest.fixture(scope="session")
def guihua_binary():
    """The CLI these answers must agree with ($GUIHUA_BINARY, set by ctest), or None."""
    path = os.environ.get("GUIHUA_BINARY")
    return path if path and os.access(path, os.X_OK) else None


@pytest.fixture(scope="session")
def cli(guihua_binary):
    """Runs the CLI and gives its JSON lines as dicts: cli("search", "x", "--format", "jsonl")."""
    if guihua_binary is None:
        pytest.skip("no $GUIHUA_BINARY")

    def run(*args):
        out = subprocess.run([guihua_binary, *map(str, args)], check=True, capture_output=True,
                             text=True, cwd=SOURCE_DIR).stdout
        return [json.loads(line) for line in out.splitlines()]
    return run
