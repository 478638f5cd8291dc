"""A GBK or GB18030 roster copied to UTF-8 in two parts at once: this process decodes the first, a second Python
(this file run by itself: the standard library only, nothing else imported) the second, each into a private file.

A line break (0x0A) is never part of a GB18030 character (its other bytes are 0x30–0x39 and 0x40–0xFE), so the file
is cut at line breaks: each part decodes alone exactly as the whole would. Each block is decoded by the gbk codec,
which is faster and gives the very characters gb18030 gives wherever it accepts the bytes; where it does not (a
four-byte sequence, or a byte that is no character) the block is decoded again by the file's own codec, strictly.

    python transcode.py FILE START END CODEC OUT   # bytes START to END of FILE into OUT; exit 3 printing the
                                                  # position of a byte the codec cannot read
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable

BLOCK_BYTES = 32 * 1024  # measured on 107 MB: blocks this small reuse their memory (16 MB ones took 90,000 page
#   faults, a third of the copy's time); the decoding is as fast
FAST = "gbk"  # faster, and reads every code it accepts as gb18030 does (tests/read/test_roster.py checks each)
FASTER_FOR = ("gbk", "gb18030")  # the codecs it stands in for, block by block
UNREADABLE = 3  # the exit of a part that met a byte its codec cannot read


class Unreadable(Exception):
    """A byte the codec cannot read, at `position` in the file."""

    def __init__(self, position: int) -> None:
        super().__init__(position)
        self.position = position


def copy(source, start: int, end: int, codec: str, out, done: Callable[[int], None] = lambda count: None) -> None:
    """Bytes `start` to `end` of the binary file `source` (both at line breaks, or the file's ends), decoded by
    `codec` strictly, into the binary file `out` as UTF-8; `done` hears how many bytes are copied so far."""
    fast = FAST if codec in FASTER_FOR else codec
    source.seek(start)
    position, rest = start, b""
    while position < end or rest:
        block = rest + source.read(min(BLOCK_BYTES, end - position))
        position += len(block) - len(rest)
        cut = len(block) if position >= end else block.rfind(b"\n") + 1
        if cut == 0:  # no line break in a whole block: read on until there is one
            rest = block
            continue
        whole, rest = block[:cut], block[cut:]
        try:
            text = whole.decode(fast)
        except UnicodeDecodeError:
            try:
                text = whole.decode(codec)
            except UnicodeDecodeError as error:
                raise Unreadable(position - len(block) + error.start) from None
        out.write(text.encode("utf-8"))
        done(position - start)


def append(part: str, out) -> None:
    """The file `part` added to the end of the binary file `out`, by the system where it can (no copy through
    this process's memory)."""
    out.flush()
    end = out.tell()
    with open(part, "rb") as rest:
        size = os.fstat(rest.fileno()).st_size
        try:
            sent = 0
            while sent < size:
                sent += os.sendfile(out.fileno(), rest.fileno(), sent, size - sent)
            out.seek(end + size)
            return
        except (AttributeError, OSError):  # no sendfile here (Windows; macOS sends to sockets only): through memory
            out.seek(end)
            out.truncate()
        shutil.copyfileobj(rest, out, BLOCK_BYTES)


def split(source, at: int) -> int:
    """Where the second part starts: after the first line break from byte `at` on (the end when there is none)."""
    source.seek(at)
    while block := source.read(64 * 1024):
        found = block.find(b"\n")
        if found >= 0:
            return source.tell() - len(block) + found + 1
    return source.tell()  # read to the end


def main(arguments: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the first process ends this one
    path, start, end, codec, out_path = arguments
    with open(path, "rb") as source, open(out_path, "r+b") as out:  # made by the first process: never made again
        try:
            copy(source, int(start), int(end), codec, out)
        except Unreadable as error:
            print(error.position)
            return UNREADABLE
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
