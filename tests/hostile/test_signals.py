"""Ctrl-C, SIGTERM and SIGHUP end a run cleanly: the exit code says which (128 + n: 130, 143, 129, never 1, which
means a gate failed), stderr says nothing was written, and nothing is left behind — no temporary copy of a roster
(names and IDs), no DuckDB spill folder, no half-written output beside its target.

Each run is a real `kongchuo` process; the signal is sent by the process to itself from inside the step named,
so that it lands at exactly that moment every time."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.helpers.fake_roster import write_roster
from tests.helpers.rosters import ROSTER, write

HARNESS = textwrap.dedent("""
    import importlib, os, signal, sys
    module, name, signum = sys.argv[1], sys.argv[2], int(sys.argv[3])
    target = importlib.import_module(module)
    original = getattr(target, name)
    def interrupted(*args, **kwargs):
        result = original(*args, **kwargs)
        os.kill(os.getpid(), signum)
        return result
    setattr(target, name, interrupted)
    sys.argv = ["kongchuo", *sys.argv[4:]]
    from kongchuo_cli.cli import main
    main()
""")
TRANSCODING = ("kongchuo_cli.read.roster.source", "_transcode")  # a GBK roster copied to UTF-8 in $TMPDIR
QUERYING = ("kongchuo_cli.read.roster.sql", "connected")  # DuckDB about to run, its spill folder made
WRITING = ("kongchuo_cli.output.files", "_write_beside")  # -o written beside its target, not yet renamed
MAKING = ("kongchuo_cli.output.xlsx", "_page_header")  # a workbook being made, its sheets half laid out


def kongchuo_signalled(tmp_path, step, signum, *args):
    temporary = tmp_path / "tmp"
    temporary.mkdir(exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(temporary)}
    return subprocess.run([sys.executable, "-c", HARNESS, *step, str(int(signum)), *args], cwd=tmp_path,
                          env=environment, capture_output=True, text=True, timeout=120), temporary


def left_behind(tmp_path, temporary, inputs):
    return sorted([*(p.name for p in temporary.iterdir()),
                   *(p.name for p in tmp_path.iterdir() if p.name not in ("tmp", *inputs))])


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)])
@pytest.mark.parametrize("command", ["check", "returns"])
@pytest.mark.parametrize("step, output, said", [(TRANSCODING, "out.csv", []),
                                                (MAKING, "out.xlsx", ["roster.csv: read as a "])])
def test_while_transcoding_a_gbk_roster_or_making_its_workbook(tmp_path, signum, code, command, step, output, said):
    write(tmp_path / "roster.csv", ROSTER, encoding="gbk")
    result, temporary = kongchuo_signalled(tmp_path, step, signum, command, "roster.csv", "--lang", "en",
                                           "-o", output)
    assert result.returncode == code, result.stderr
    *before, last = result.stderr.strip().splitlines()
    assert [line[:len(start)] for line, start in zip(before, said)] == said and len(before) == len(said)
    assert last == "interrupted: no file was written."
    assert left_behind(tmp_path, temporary, ["roster.csv"]) == []  # no copy, no out.*, nothing in $TMPDIR
    assert result.stdout == ""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_with_the_spill_folder_made(tmp_path, signum, code):
    write(tmp_path / "roster.csv", ROSTER)  # UTF-8: read in place, no copy
    spill_step = ("kongchuo_cli.read.roster.sql", "query")
    result, temporary = kongchuo_signalled(tmp_path, spill_step, signum, "check", "roster.csv", "--lang", "en")
    assert result.returncode == code, result.stderr
    assert left_behind(tmp_path, temporary, ["roster.csv"]) == []


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)])
@pytest.mark.parametrize("extra", [[], ["--junit", "report.xml"]])
def test_while_writing_the_output(tmp_path, signum, code, extra):
    write(tmp_path / "roster.csv", ROSTER, encoding="gbk")
    result, temporary = kongchuo_signalled(tmp_path, WRITING, signum, "returns", "roster.csv", "--reveal",
                                           "-o", "out.xlsx", *extra) if not extra else kongchuo_signalled(
        tmp_path, WRITING, signum, "check", "roster.csv", "-o", "out.xlsx", *extra)
    assert result.returncode == code, result.stderr
    assert left_behind(tmp_path, temporary, ["roster.csv"]) == []  # neither out.xlsx nor .out.xlsx.*.tmp


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_while_a_second_python_copies_the_other_half(tmp_path, signum, code):
    """A GBK roster of 22 MB is copied in two halves at once: the signal lands when this process's half is done,
    the other Python's maybe not; neither half's copy is left behind."""
    write_roster(tmp_path / "roster.csv", 200_000, encoding="gbk")
    first_half = ("kongchuo_cli.read.roster.transcode", "copy")
    result, temporary = kongchuo_signalled(tmp_path, first_half, signum, "check", "roster.csv", "--lang", "en")
    assert result.returncode == code, result.stderr
    assert result.stderr.strip() == "interrupted: no file was written."
    assert left_behind(tmp_path, temporary, ["roster.csv"]) == []


def test_an_outside_sigterm_during_a_large_roster(tmp_path):
    """Not staged: a real kill from outside while a GBK roster of 300,000 children is being read."""
    write_roster(tmp_path / "roster.csv", 300_000, encoding="gbk")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "kongchuo_cli", "check", "roster.csv", "--lang", "en"],
                               cwd=tmp_path, env={**os.environ, "TMPDIR": str(temporary)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith("kongchuo-roster-") for p in temporary.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the copy never appeared"
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert list(temporary.iterdir()) == []


def test_while_renaming_outputs_into_place(tmp_path):
    """A signal between the renames of -o and --junit waits until both are in place: together or not at all."""
    write(tmp_path / "roster.csv", ROSTER, encoding="gbk")
    result, temporary = kongchuo_signalled(tmp_path, ("os", "replace"), signal.SIGTERM, "check", "roster.csv",
                                           "-o", "out.xlsx", "--junit", "report.xml")
    assert result.returncode == 143, result.stderr
    assert left_behind(tmp_path, temporary, ["roster.csv"]) == ["out.xlsx", "report.xml"]
