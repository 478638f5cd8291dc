"""Nothing half-done: the outputs of one run (-o and --junit) are written together or not at all; -o never
replaces a device, a FIFO, a folder or an input; standard output closed or full is said plainly (exit 2)."""

import os
import subprocess
import sys

import pytest

from tests.helpers.check import CONSOLIDATION

COUNTY = [CONSOLIDATION, ["甲镇", "100", "95"], ["乙镇", "200", "194"]]


@pytest.mark.parametrize("output", ["missing-folder/out.csv", "out.docx"])
def test_junit_is_not_written_when_the_output_fails(run, write_table, tmp_path, output):
    path = write_table(COUNTY)
    result = run("check", path, "-o", output, "--junit", "report.xml", "--lang", "en")
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.csv"]


def test_an_output_that_cannot_be_written_leaves_the_other_unwritten(run, write_table, tmp_path):
    path = write_table(COUNTY)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o500)
    try:
        if os.access(tmp_path / "locked", os.W_OK):  # root writes anywhere: a folder that is a file instead
            (tmp_path / "locked").chmod(0o700)
            (tmp_path / "locked").rmdir()
            (tmp_path / "locked").write_text("")
        result = run("check", path, "-o", "out.csv", "--junit", "locked/report.xml", "--lang", "en")
    finally:
        if (tmp_path / "locked").is_dir():
            (tmp_path / "locked").chmod(0o700)
    assert result.exit_code == 2 and "locked/report.xml" in result.stderr
    assert not (tmp_path / "out.csv").exists() and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("target", ["device", "fifo", "folder", "input", "thresholds"])
@pytest.mark.parametrize("option", ["-o", "--junit"])
def test_never_written_over(run, write_table, tmp_path, target, option):
    path = write_table(COUNTY)
    (tmp_path / "thresholds.yaml").write_text("version: 1\nextends: national-2025\n", encoding="utf-8")
    chosen = {"device": "/dev/null", "fifo": str(tmp_path / "pipe"), "folder": str(tmp_path / "dir"),
              "input": path, "thresholds": "thresholds.yaml"}[target]
    if target == "fifo":
        os.mkfifo(chosen)
    if target == "folder":
        os.mkdir(chosen)
    before = {p.name: (p.stat().st_mode, p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
    result = run("check", path, option, chosen, "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert ("not a regular file" in result.stderr) if target in ("device", "fifo", "folder") else \
        ("is an input file" in result.stderr), result.stderr
    after = {p.name: (p.stat().st_mode, p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
    assert after == before
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def kongchuo(*args, cwd, stdout):
    return subprocess.run([sys.executable, "-m", "kongchuo_cli", *args], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=60)


def test_standard_output_closed(write_table, tmp_path):
    path = write_table(COUNTY)
    result = subprocess.run([sys.executable, "-m", "kongchuo_cli", "check", path, "--lang", "en"],
                            stderr=subprocess.PIPE, text=True, timeout=60, close_fds=True,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: standard output is closed: nowhere to write the results; use -o to " \
                                    "write a file."


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full is Linux's")
def test_standard_output_full(write_table, tmp_path):
    path = write_table(COUNTY)
    with open("/dev/full", "w") as full:
        result = kongchuo("check", path, "--lang", "en", cwd=tmp_path, stdout=full)
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: cannot write to standard output: No space left on device; use -o to " \
                                    "write a file."


def test_a_closed_pipe_ends_quietly(write_table, tmp_path):
    """`kongchuo check … | head -1`: the reader leaves early; no error, no traceback."""
    path = write_table(COUNTY)
    result = subprocess.run(f"{sys.executable} -m kongchuo_cli check {path} -f csv --lang en | head -c 1", shell=True,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout == "u" and result.stderr == ""
