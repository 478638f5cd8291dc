"""What every command does around its call to the API (cli/run.py): the progress display while inputs are read, by
bytes and by DuckDB's own estimate of its scans."""

import pytest

from kongchuo_cli.cli.run import reading_progress


def test_no_progress_display_off_a_terminal(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 3_000_000)
    with reading_progress((str(big),), "zh", quiet=False) as on_file:  # pytest's stderr is not a terminal
        assert on_file is None


def test_the_bar_moves_by_bytes_through_each_file():
    from kongchuo_cli.cli.run import BytesRead

    shown = []
    bar = BytesRead({"a.csv": 1000, "b.csv": 3000}, lambda completed, name: shown.append((completed, name)))
    bar.file("a.csv")
    bar.done(0.5)  # half of a.csv's 1,000 bytes
    bar.file("b.csv")  # a.csv read whole: 1,000 before b.csv
    bar.done(0.25)  # 1,000 + 750
    bar.done(1.0)
    assert shown == [(0, "a.csv"), (500, "a.csv"), (1000, "b.csv"), (1750, "b.csv"), (4000, "b.csv")]


def test_a_roster_reports_how_far_its_reading_has_come(tmp_path):
    import kongchuo_cli
    from tests.helpers.fake_roster import write_roster

    path = write_roster(tmp_path / "roster.csv", 20_000, seed=4)
    seen = []
    kongchuo_cli.check(path, on_progress=seen.append)
    # DuckDB's estimates of its two scans (the counts, then the children listed twice), each said at its end:
    # never backwards, within 0–1, ending at the whole file
    assert seen and seen == sorted(seen) and 0 <= seen[0] and seen[-1] == 1.0
    assert 0.6 in seen  # the first scan ends at 60 % of a UTF-8 roster's reading (no copy to make first)


def test_a_step_of_the_reading_maps_onto_the_whole():
    from kongchuo_cli.model import Progress

    heard = []
    copy = Progress(heard.append).part(0.3, 1).part(0, 0.6)  # a scan: 60 % of what follows a 30 % copy
    copy(0.5)
    copy(2.0)  # DuckDB's estimate beyond the end is held at it
    assert heard == pytest.approx([0.3 + 0.7 * 0.6 * 0.5, 0.3 + 0.7 * 0.6])
