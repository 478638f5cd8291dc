"""Outputs written as they are made: the same bytes as the text encoded whole, and a failure on the way (a
character the encoding lacks, found in a late chunk) leaves the target as it was and no temporary file."""

import pytest

from kongchuo_cli.output.files import encode, encoded, write_all
from kongchuo_cli.problems import KongchuoError


@pytest.mark.parametrize("encoding, bom, expected", [
    (None, True, b"\xef\xbb\xbfa\xe7\x94\xb2b"),  # one UTF-8 BOM, then 甲 in three bytes
    ("utf-8", False, b"a\xe7\x94\xb2b"),
    ("gbk", True, b"a\xbc\xd7b"),  # no BOM outside UTF-8; 甲 is BCD7 in GBK
    ("utf-16", False, b"\xff\xfea\x00\x32\x75b\x00"),  # the UTF-16 BOM once, not once per chunk
])
def test_chunks_encode_to_the_bytes_of_the_whole(encoding, bom, expected):
    assert b"".join(encoded(["a", "甲", "b"], encoding, bom)) == expected == encode("a甲b", encoding, bom)


def test_an_unknown_encoding_is_said_before_any_chunk_is_made():
    made = []

    def chunks():
        made.append(1)
        yield "a"

    with pytest.raises(KongchuoError):
        encoded(chunks(), "rot13", False)
    assert made == []


def test_a_failure_in_a_late_chunk_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("yesterday's\n")
    chunks = encoded(["a," * 1000 + "\n", "乙镇,𠮷\n"], "gbk", False)  # 𠮷 has no GBK code: the second chunk fails
    with pytest.raises(KongchuoError) as failed:
        write_all([(str(target), chunks, False), (str(tmp_path / "report.xml"), b"<x/>", False)])
    assert failed.value.problems[0].params["character"] == "𠮷"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no .out.csv.*.tmp, no report.xml
    assert target.read_text() == "yesterday's\n"


def test_chunks_are_written_in_order_and_a_private_file_is_its_owners_alone(tmp_path):
    target = tmp_path / "out.csv"
    write_all([(str(target), iter([b"a,b\n", b"1,2\n", b"3,4\n"]), True)])
    assert target.read_bytes() == b"a,b\n1,2\n3,4\n"
    assert target.stat().st_mode & 0o777 == 0o600
