"""What every command does around its call to the API (cli/run.py): the progress display while inputs are read."""

from kongchuo_cli.cli.run import reading_progress


def test_no_progress_display_off_a_terminal(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 3_000_000)
    with reading_progress((str(big),), "zh", quiet=False) as on_file:  # pytest's stderr is not a terminal
        assert on_file is None
