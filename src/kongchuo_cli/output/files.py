"""Where results go: the format (from options or extension), its bytes in the chosen encoding, and files written
whole or not at all."""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from kongchuo_cli.i18n import listing
from kongchuo_cli.problems import Where, fail
from kongchuo_cli.signals import held

EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".txt": "table", ".json": "json", ".md": "markdown",
              ".markdown": "markdown", ".xlsx": "xlsx", ".docx": "docx", ".html": "html", ".htm": "html"}
BOM_FORMATS = {"csv", "tsv"}  # written to a file with a UTF-8 BOM so that Excel reads the Chinese right


def choose_format(requested: str | None, output: str | None, allowed: tuple[str, ...] | None = None,
                  default: str = "table") -> str:
    """--format wins; else the output file's extension (one of `allowed`, when given); else `default`."""
    if requested is not None:
        return requested
    if output is None:
        return default
    try:
        chosen = EXTENSIONS[Path(output).suffix.lower()]
    except KeyError:
        raise fail("output_format_unknown", Where(output)) from None
    if allowed is not None and chosen not in allowed:
        raise fail("output_format_command", Where(output), format=chosen, formats=listing(allowed))
    return chosen


def check_not_input(output: str, inputs: list[str]) -> None:
    """Never overwrite an input (a table, or the thresholds file, named or found in the folder), nor anything that
    is not a regular file (a device node, a FIFO, a folder)."""
    target = Path(output).resolve()
    if any(name != "-" and Path(name).resolve() == target for name in inputs):
        raise fail("output_is_input", Where(output))
    if Path(output).exists() and not Path(output).is_file():
        raise fail("output_not_a_file", Where(output))


def encode(text: str, encoding: str | None, bom: bool) -> bytes:
    """UTF-8 unless told otherwise (a BOM only on UTF-8 CSV/TSV files); a character the encoding lacks is named."""
    return b"".join(encoded([text], encoding, bom))


def encoded(chunks: Iterable[str], encoding: str | None, bom: bool) -> Iterator[bytes]:
    """`encode` a chunk at a time, the same bytes as the text joined (one incremental encoder: a UTF-16 BOM
    once, a stateful codec's shifts carried across chunks). An unknown encoding is said before any chunk is made."""
    chosen = encoding or "utf-8"
    from kongchuo_cli.read.grid import text_encoding

    if text_encoding(chosen) is None:  # rot13, base64…: codecs, but not of text
        raise fail("encoding_not_known", encoding=chosen)
    encoder = codecs.getincrementalencoder(chosen)()
    utf8_bom = codecs.BOM_UTF8 if bom and codecs.lookup(chosen).name == "utf-8" else b""

    def encoding_chunks() -> Iterator[bytes]:
        yield utf8_bom
        try:
            yield from map(encoder.encode, chunks)
            yield encoder.encode("", True)
        except UnicodeEncodeError as error:
            raise fail("output_unencodable", character=error.object[error.start], encoding=chosen) from None

    return (data for data in encoding_chunks() if data)


def write_atomic(path: str, data: bytes | Iterable[bytes], private: bool = False) -> None:
    """Write beside the target, then rename over it: a failed run leaves no half-written file. A `private` file
    (children's names and IDs) stays readable by its owner only."""
    write_all([(path, data, private)])


def write_all(outputs: list[tuple[str, bytes | Iterable[bytes], bool]]) -> None:
    """Every output of a run, or none: each is first written whole beside its target (where a full disk or a
    locked folder shows; its bytes, or its chunks as they are made), and only when all are written are they renamed
    over their targets. A signal or an error on the way (Ctrl-C, SIGTERM, a character the encoding lacks in the
    last chunk) leaves no temporary file behind."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data, private in outputs:
            _write_beside(path, data, private, written)
        with held():  # all renamed, or (a signal, an error) none
            for path, temporary in written:
                try:
                    os.replace(temporary, Path(path))
                except OSError as error:
                    raise fail("output_unwritable", Where(path), reason=error.strerror or str(error)) from None
    finally:
        for _, temporary in written:
            temporary.unlink(missing_ok=True)  # renamed ones are gone already


def _write_beside(path: str, data: bytes | Iterable[bytes], private: bool, written: list[tuple[str, Path]]) -> None:
    """`data` (bytes, or chunks of them) in a new temporary file beside `path`, recorded in `written` (for the
    caller to rename or remove) before any signal can land."""
    target = Path(path)
    if target.exists() and not target.is_file():  # a device, a FIFO, a folder: never replaced by a file
        raise fail("output_not_a_file", Where(path))
    with held():
        try:
            descriptor, temporary = tempfile.mkstemp(dir=target.resolve().parent, prefix=f".{target.name}.",
                                                     suffix=".tmp")
        except OSError as error:
            if not target.resolve().parent.is_dir():
                raise fail("output_folder_missing", Where(path)) from None
            raise fail("output_unwritable", Where(path), reason=error.strerror or str(error)) from None
        written.append((path, Path(temporary)))
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
        if not private:
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; results are ordinary files
    except OSError as error:
        raise fail("output_unwritable", Where(path), reason=error.strerror or str(error)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
