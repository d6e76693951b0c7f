"""skp_domain stays pure: no bot framework, no database, no I/O."""

import ast
from pathlib import Path

import pytest

import skp_domain

PACKAGE = Path(skp_domain.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
FORBIDDEN = ("telegram", "sqlmodel", "sqlalchemy", "bot", "conversations", "aiosqlite", "asyncpg", "httpx")
IO_CALLS = {"open", "print", "input"}


def imported_modules(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_sources_found() -> None:
    assert len(SOURCES) >= 10


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_forbidden_imports(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for module in imported_modules(tree):
        root = module.split(".")[0]
        assert root not in FORBIDDEN, f"{path.name} imports {module}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_io_calls(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in IO_CALLS, f"{path.name}:{node.lineno} calls {node.func.id}()"
