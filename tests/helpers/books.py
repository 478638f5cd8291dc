"""Reading back the workbooks kongchuo writes (with openpyxl), where the same property may be written in more than
one equivalent form."""


def rgb(colour) -> str:
    """A cell colour's red, green and blue: its alpha byte (00 or FF as the writer chose) means nothing to Excel."""
    return colour.rgb[-6:]


def fitted(setup) -> tuple[int, int]:
    """The pages wide and tall a sheet prints on when fitted to pages: an attribute left out is 1 (the default of
    the standard, ECMA-376)."""
    return tuple(1 if pages is None else pages for pages in (setup.fitToWidth, setup.fitToHeight))
