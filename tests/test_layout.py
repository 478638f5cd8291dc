"""The shape of the house: data flows one way through the stages (files → counts → ratios → results → bytes), no
module imports another's private name, nothing imports in a circle, and facts travel as typed fields. (That --help
stays light is tested with the command line, in tests/cli/test_main.py.)"""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SOURCE / "kongchuo_cli"
# Lower stages never import higher ones (a module may import its own stage and those below).
STAGES = ("signals", "i18n", "problems", "model", "read", "indicators", "policy", "judge", "output", "api", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) of every `from kongchuo_cli… import name`, and (module, "") of every `import kongchuo_cli…`,
    at any depth (an import inside a function counts too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kongchuo_cli"):
            found.extend((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, "") for alias in node.names if alias.name.startswith("kongchuo_cli"))
    return found


MODULES = {module_name(path): imports(path) for path in PACKAGE.rglob("*.py")}


def stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def target(module: str, name: str) -> str:
    """The module an import reaches: `from kongchuo_cli.read import grades` reaches kongchuo_cli.read.grades."""
    return f"{module}.{name}" if f"{module}.{name}" in MODULES else module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_stage_imports_a_higher_one(module):
    upward = [target(imported, name) for imported, name in MODULES[module]
              if stage(module) is not None and (stage(target(imported, name)) or 0) > stage(module)]
    assert upward == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_is_imported_from_another_module(module):
    assert [name for _, name in MODULES[module] if name.startswith("_") and name != "__version__"] == []


def test_no_import_cycle():
    graph = {module: {target(imported, name) for imported, name in found} & MODULES.keys() - {module}
             for module, found in MODULES.items()}
    graph = {module: {each for each in reached if not module.startswith(each + ".")}  # a package's own __init__
             for module, reached in graph.items()}
    state: dict[str, str] = {}

    def visit(module: str, path: tuple[str, ...]) -> None:
        state[module] = "open"
        for reached in sorted(graph[module]):
            assert state.get(reached) != "open", " → ".join((*path, module, reached))
            if reached not in state:
                visit(reached, (*path, module))
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, ())


def test_no_free_form_details():
    """Facts travel as fields of typed records (model.py), not in a dict of string keys."""
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute):
                assert node.attr != "details", f"{path.relative_to(SOURCE)}:{node.lineno}"


def test_the_options_choices_are_the_librarys():
    """cli/options.py keeps its own copies of the choices so that --help loads click alone; they must agree."""
    from kongchuo_cli.api import VIEWS
    from kongchuo_cli.cli import options
    from kongchuo_cli.judge.gate import GATES
    from kongchuo_cli.judge.plan import SHARE_BY
    from kongchuo_cli.model import KINDS
    from kongchuo_cli.output.formats import DOCUMENT_FORMATS, FORMATS
    from kongchuo_cli.output.views.check_text import VIEWS as CHECK_VIEWS
    from kongchuo_cli.read.grades import SYSTEMS

    assert (options.FORMATS, options.DOCUMENT_FORMATS, options.KINDS, options.SYSTEMS, options.GATES, options.VIEWS,
            options.CHECK_VIEWS, options.SHARE_BY) == (FORMATS, DOCUMENT_FORMATS, KINDS, tuple(SYSTEMS), GATES, VIEWS,
                                                       CHECK_VIEWS, SHARE_BY)
