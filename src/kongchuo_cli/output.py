"""Where results go: the output format from options or extension, and files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kongchuo_cli.messages import Where, fail

EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".txt": "table", ".json": "json", ".md": "markdown",
              ".markdown": "markdown"}
BOM_FORMATS = {"csv", "tsv"}  # written to a file with a UTF-8 BOM so that Excel reads the Chinese right


def choose_format(requested: str | None, output: str | None) -> str:
    """--format wins; else the output file's extension; else the table."""
    if requested is not None:
        return requested
    if output is None:
        return "table"
    try:
        return EXTENSIONS[Path(output).suffix.lower()]
    except KeyError:
        raise fail("output_format_unknown", Where(output)) from None


def check_not_input(output: str, inputs: list[str]) -> None:
    """Never overwrite an input."""
    target = Path(output).resolve()
    if any(Path(path).resolve() == target for path in inputs):
        raise fail("output_is_input", Where(output))


def write_atomic(path: str, text: str, output_format: str) -> None:
    """Write beside the target, then rename over it: a failed run leaves no half-written file."""
    encoding = "utf-8-sig" if output_format in BOM_FORMATS else "utf-8"
    target = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.resolve().parent, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise fail("output_folder_missing", Where(path)) from None
    except OSError as error:
        raise fail("output_unwritable", Where(path), reason=error.strerror or str(error)) from None
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; results are ordinary files
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise fail("output_unwritable", Where(path), reason=error.strerror or str(error)) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
