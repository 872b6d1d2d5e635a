"""The house plan, checked (docs/architecture.md): which package may import which, how inline imports say why, how
long a module may grow, that the import contracts hold, and that comments cite files that exist.

Plain pytest over the source (``ast`` and ``tokenize``, no Django): fast enough to run before every commit.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import tokenize
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("organizations", "campaigns", "scoring", "awards")
PROJECT_PACKAGES = (*DOMAIN_APPS, "common", "outbox", "emulation")

MAX_MODULE_LINES = 600
# Modules allowed past MAX_MODULE_LINES for now (path → why); migrations and demo data modules are always allowed.
# None today: campaigns/demo.py (~840 lines) is demo data.
LONG_MODULES: dict[str, str] = {}

# The pure rule modules (no Django): each is type-checked by mypy ([tool.mypy] files in pyproject.toml).
PURE_RULE_MODULES = (
    "campaigns/points",
    "campaigns/planning/phases.py",
    "awards/eligibility.py",
    "awards/nominations/quota.py",
    "awards/councils/tally.py",
    "awards/decisions/numbering.py",
    "organizations/reach.py",
)

# A function-level import says why it is not at the top: "# lazy: registry", "# lazy: heavy (weasyprint)", …
LAZY_REASON = re.compile(r"#\s*lazy: [a-z]+(?: \(.+\))?\s*$")

# A path in a comment or docstring: a token with a slash that ends in .py, .md or .html.
CITED_PATH = re.compile(r"[\w./-]*/[\w.-]+\.(?:py|md|html)\b")
# Cited paths that are examples, not files (a path with a placeholder such as <app> never matches CITED_PATH).
EXAMPLE_PATHS: set[str] = set()
# Where a cited path may be rooted: the repository, or the template and static folders (Django's lookup names).
CITED_PATH_ROOTS = (ROOT, ROOT / "templates", ROOT / "static")


def _python_files(*packages: str) -> list[Path]:
    return sorted(
        path for package in packages for path in (ROOT / package).rglob("*.py") if "__pycache__" not in path.parts
    )


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute module names an import statement names (relative imports resolved against ``path``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return [".".join([*base, node.module] if node.module else base)]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in ``path``, at module level or inside a function or class."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.extend((node.lineno, name) for name in _imported(path, node))
    return found


def _top_package(module: str) -> str:
    return module.split(".", 1)[0]


def _imports_of(packages: tuple[str, ...], forbidden: set[str]) -> list[str]:
    return [
        f"{_relative(path)}:{line}: imports {module}"
        for path in _python_files(*packages)
        for line, module in _imports(path)
        if _top_package(module) in forbidden
    ]


def test_no_app_imports_the_wiring():
    # emulation/ wires the apps together (settings, urls, celery); nothing below it may reach back up.
    found = _imports_of((*DOMAIN_APPS, "common", "outbox"), {"emulation"})
    assert not found, "move the code, or pass the value in:\n" + "\n".join(found)


def test_common_imports_no_app():
    found = _imports_of(("common",), {*DOMAIN_APPS, "outbox", "emulation"})
    assert not found, "common/ is shared infrastructure and imports no app:\n" + "\n".join(found)


def test_outbox_imports_only_common():
    found = _imports_of(("outbox",), {*DOMAIN_APPS, "emulation"})
    assert not found, "outbox/ may import common/ only:\n" + "\n".join(found)


def _function_level_imports(path: Path) -> list[ast.Import | ast.ImportFrom]:
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for function in ast.walk(_tree(path)):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found[node.lineno] = node
    return [found[line] for line in sorted(found)]


def test_every_inline_import_says_why():
    missing = []
    for path in _python_files(*PROJECT_PACKAGES):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in _function_level_imports(path):
            statement = lines[node.lineno - 1 : node.end_lineno]
            if not any(LAZY_REASON.search(line) for line in statement):
                missing.append(f"{_relative(path)}:{node.lineno}: {statement[0].strip()}")
    assert not missing, "add '# lazy: <one word>' (registry, heavy, optional, rarely, …) or import at the top:\n" + (
        "\n".join(missing)
    )


def test_the_checker_sees_inline_imports():
    # Guards the two checks above against silently finding nothing: these inline imports exist and say why.
    inline = {
        (_relative(path), node.lineno)
        for path in _python_files("emulation", "outbox")
        for node in _function_level_imports(path)
    }
    assert any(name == "outbox/__init__.py" for name, _ in inline)
    assert any(name == "emulation/health.py" for name, _ in inline)


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        pytest.fail(f"{lint_imports} is missing: pip install -r requirements-dev.txt")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _is_always_allowed_long(path: Path) -> bool:
    return "migrations" in path.parts or path.stem == "demo"


def test_modules_stay_short():
    too_long = []
    for path in _python_files(*DOMAIN_APPS, "common", "outbox"):
        if _is_always_allowed_long(path) or _relative(path) in LONG_MODULES:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{_relative(path)}: {lines} lines")
    assert not too_long, f"past {MAX_MODULE_LINES} lines, split into a package:\n" + "\n".join(too_long)


def test_long_module_exceptions_are_still_needed():
    for name in LONG_MODULES:
        path = ROOT / name
        assert path.exists(), f"{name} is gone: remove it from LONG_MODULES"
        assert len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES, f"{name} is short now"


def test_pure_rule_modules_are_type_checked():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    checked = [entry.rstrip("/") for entry in config["files"]]
    unchecked = [
        name
        for name in PURE_RULE_MODULES
        if (ROOT / name).exists() and not any(name == entry or name.startswith(entry + "/") for entry in checked)
    ]
    assert not unchecked, "add to [tool.mypy] files in pyproject.toml: " + ", ".join(unchecked)


def _comments_and_docstrings(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    texts = [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring is not None:
                texts.append((node.body[0].lineno, docstring))
    return texts


def _cited_path_exists(cited: str) -> bool:
    return cited in EXAMPLE_PATHS or any((root / cited).exists() for root in CITED_PATH_ROOTS)


def test_comments_cite_files_that_exist():
    missing = []
    for path in _python_files(*PROJECT_PACKAGES, "tests", "benchmarks"):
        for line, text in _comments_and_docstrings(path):
            missing.extend(
                f"{_relative(path)}:{line}: {cited}"
                for cited in CITED_PATH.findall(text)
                if not _cited_path_exists(cited)
            )
    assert not missing, "a comment or docstring names a file that does not exist (fix or drop it):\n" + "\n".join(
        missing
    )


def test_the_citation_check_finds_paths():
    # Guards the check above against a regex that matches nothing.
    text = "see common/pdf/once.py, docs/architecture.md and awards/documents/certificate.html; not DESIGN.md"
    assert CITED_PATH.findall(text) == [
        "common/pdf/once.py",
        "docs/architecture.md",
        "awards/documents/certificate.html",
    ]
    assert _cited_path_exists("awards/documents/certificate.html")  # found under templates/
    assert not _cited_path_exists("emulation/outbox/services.py")
