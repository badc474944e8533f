# docs/python_example.py, the worked example of docs/python.md, runs and draws its chart.
import os
import subprocess
import sys

import pytest


def test_the_worked_example_runs(source_dir, tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    png = tmp_path / "chart.png"
    out = subprocess.run([sys.executable, "docs/python_example.py", "corpus", str(png)],
                         cwd=source_dir, env=dict(os.environ, MPLBACKEND="Agg"), check=True,
                         capture_output=True, text=True).stdout
    assert "北关区" in out and "孕产妇死亡率下降到12/10万以下" in out
    assert "南开区: no number" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
