# `make python`'s install (tools/install-python) into a temporary user site (PYTHONUSERBASE): the
# installed module imports from another folder and reads a plan and a DOCX with its own rules and
# plugin while the build's python folder is moved away.
import os
import pathlib
import subprocess
import sys

import pytest

CHECK = """
import sys, guihua
site = sys.argv[1]
assert guihua.__file__.startswith(site), guihua.__file__
assert guihua.rules_dir() == site + "/guihua/rules", guihua.rules_dir()
rows = guihua.extract(sys.argv[2])
assert sum(r["kind"] == "target" for r in rows) > 50, len(rows)
assert guihua.extract(sys.argv[3])  # a DOCX: read by the plugin installed beside the module
plugins = [l.split()[-1] for l in open("/proc/self/maps") if l.rstrip().endswith("guihua-formats.so")]
assert set(plugins) == {site + "/guihua/guihua-formats.so"}, plugins
print(len(rows))
"""


def test_installed_module_needs_nothing_of_the_build(tmp_path, source_dir):
    build = os.environ.get("GUIHUA_BUILD_DIR")
    if not build:
        pytest.skip("no $GUIHUA_BUILD_DIR")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GUIHUA_RULES")}
    env["PYTHONUSERBASE"] = str(tmp_path / "userbase")
    subprocess.run([str(source_dir / "tools/install-python"), build, sys.executable], env=env,
                   check=True, capture_output=True)
    site = subprocess.run([sys.executable, "-m", "site", "--user-site"], env=env, check=True,
                          capture_output=True, text=True).stdout.strip()
    built = pathlib.Path(build) / "python"
    moved = built.with_name("python.moved-by-test_install")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    built.rename(moved)
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHECK, site,
             str(source_dir / "corpus/henan-anyang-beiguan-2021-2030.txt"),
             str(source_dir / "tests/fixtures/formats/tianjin-nankai-2021-2025.docx")],
            cwd=elsewhere, env=env, capture_output=True, text=True)
    finally:
        moved.rename(built)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 50
