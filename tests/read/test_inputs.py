"""Several inputs read together (read/inputs.py): each file's problems reported in one run, a unit in two files,
each file announced as its reading begins."""


from kongchuo_cli.read.inputs import read_inputs, read_summaries
from tests.helpers import corpus, problems_of

HEADER = ["乡镇", "一年级入学人数", "毕业班在校生数", "转入人数", "小学辍学人数", "小学学年初在校生数"]


def test_missing_file_and_a_damaged_workbook(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")  # the old binary format's magic bytes, and nothing more
    assert problems_of(lambda: read_summaries([str(tmp_path / "no.csv"), str(tmp_path / "a.xls")])) == [
        f"{tmp_path / 'no.csv'}: file not found; check the path.",
        f"{tmp_path / 'a.xls'}: cannot be read as a workbook (CalamineError): it may be password-protected or "
        "damaged; open it in Excel/WPS and save it as .xlsx without a password."]


def test_unit_in_two_files(write_table):
    first = write_table([HEADER, ["甲镇", "1", "1", "", "0", "1"]], name="a.csv")
    second = write_table([HEADER, ["乙镇", "1", "1", "", "0", "1"], ["甲镇", "1", "1", "", "0", "1"]], name="b.csv")
    assert problems_of(lambda: read_summaries([first, second])) == [
        f"{second}, row 3: unit '甲镇' appears twice (also at {first}, row 2); merge or rename one."]


def test_read_inputs_reports_each_file_as_it_begins(tmp_path):
    files = [str(path) for path in corpus.county_files(tmp_path)]
    heard = []
    read_inputs(files, on_file=heard.append)
    assert heard == files
