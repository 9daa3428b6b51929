"""Dependencies run one way (docs/architecture.md): read from the source, so a wrong import fails here."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "restart"

# app -> the apps of ours it must never import
FORBIDDEN = {
    "core": {"staff", "people", "topics", "infopoint", "knowledge", "api"},
    "topics": {"staff", "people", "infopoint", "knowledge", "api"},
    "people": {"infopoint", "knowledge", "api"},
    "knowledge": {"infopoint", "people", "api"},
    "staff": {"people", "infopoint", "knowledge", "api"},
    # The seat engine serves events, courses and the job fair: it knows none of them.
    "registrations": {"events", "infopoint", "knowledge", "api"},
    "events": {"infopoint", "knowledge", "api"},
}


def _modules(app: str):
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" not in path.parts:
            yield path


def _imports(path: Path) -> list[tuple[str, ast.AST, bool]]:
    """(module imported, node, inside a function?) for each import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, child, inside))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, child, inside) for alias in child.names)
            visit(child, inside)

    visit(tree, False)
    return found


def _forbidden(app: str, path: Path, module: str) -> bool:
    if not module.startswith("restart."):
        return False
    target = module.split(".")[1]
    # An app's endpoints (its api.py) use the API's toolkit: authentication, error schemas.
    return target in FORBIDDEN[app] and not (target == "api" and path.name == "api.py")


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_none_of_the_apps_that_build_on_it(app):
    wrong = [
        f"{path.relative_to(ROOT)}:{node.lineno} imports {module}"
        for path in _modules(app)
        for module, node, _inside in _imports(path)
        if _forbidden(app, path, module)
    ]
    assert wrong == []


def test_no_import_of_our_code_hides_inside_a_function():
    """A cycle broken inside a function points at misplaced code; only AppConfig.ready() may
    import late (it runs once every app is loaded, to register an app's steps)."""
    late = [
        f"{path.relative_to(ROOT)}:{node.lineno} imports {module}"
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and path.name != "apps.py"
        for module, node, inside in _imports(path)
        if inside and module.startswith("restart.") and str(path.relative_to(ROOT)) not in LOADED_LATE_ON_PURPOSE
    ]
    assert late == []


# Modules that import late for a reason other than a cycle, and the reason.
LOADED_LATE_ON_PURPOSE = {
    "knowledge/tasks.py": "the lemmatiser's dictionaries (hundreds of MB) load only in the worker, never in web code",
}


def test_every_generated_default_fits_its_column():
    """SQLite stores a 43-character secret in a 32-character column; PostgreSQL refuses it. Every
    callable default of a text column must fit (the job fair's profile secret did not)."""
    from django.apps import apps
    from django.db import models

    too_long = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField) and field.has_default() and callable(field.default):
                values = [str(field.default()) for _ in range(20)]
                if max(map(len, values)) > field.max_length:
                    too_long.append(f"{model._meta.label}.{field.name}")
    assert too_long == []
