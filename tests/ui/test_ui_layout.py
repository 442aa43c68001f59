"""ui/ by feature: shell/ on top, one package per tab, common/ underneath, and no circles."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "advisor_app" / "ui"
FEATURES = {"registry", "plan_wizard", "agreement_editor", "training", "home", "sync", "documents"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(UI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every ui module and the ui modules it imports, at the top or inside a function."""
    graph: dict[str, set[str]] = {}
    for path in UI.rglob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("advisor_app.ui"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("advisor_app.ui"))
        graph[_module_name(path)] = found
    return {module: {name for name in names if name in graph} for module, names in graph.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 else ""


def test_features_never_import_the_shell_and_common_imports_no_feature():
    for module, imported in _imports().items():
        packages = {_package(name) for name in imported} - {_package(module)}
        if _package(module) != "shell":
            assert "shell" not in packages, module
        if _package(module) == "common":
            assert not packages & FEATURES, (module, packages & FEATURES)


def test_no_two_features_import_each_other():
    edges = {(_package(module), _package(name)) for module, imported in _imports().items() for name in imported}
    for first, second in edges:
        if first != second and {first, second} <= FEATURES:
            assert (second, first) not in edges, (first, second)


def test_no_import_circle_between_modules():
    graph = _imports()
    for module in graph:
        graph[module].discard(module)
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            if _package_init_of(name, module):
                continue
            if state.get(name) == 1:
                raise AssertionError(" -> ".join([*path, module, name]))
            if name not in state:
                visit(name, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def _package_init_of(name: str, module: str) -> bool:
    """A module importing its own package's ``__init__`` names re-exported there is not a circle of files."""
    return module.startswith(name + ".")



MAX_MODULE_LINES = 400


def test_no_ui_module_is_over_400_lines():
    too_long = {}
    for path in sorted(UI.rglob("*.py")):
        name = path.relative_to(UI).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long[name] = lines
    assert not too_long, too_long
