"""`pip install .` (not editable) must carry everything the bot reads at run time: the templates,
the DOCX templates and stylesheets, and the Alembic migrations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_templates_and_migrations(tmp_path: Path) -> None:
    source = tmp_path / "src"  # a copy, so the build leaves nothing in the working tree
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.sqlite3*"))
    result = subprocess.run(
        # No build isolation: setuptools and wheel come from requirements.lock (no download here).
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("skp_bot-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").rglob("*"):
        if template.suffix in {".j2", ".css", ".docx"}:
            assert str(template.relative_to(ROOT)) in names, template
    for migration in (ROOT / "bot/storage/migrations").rglob("*.py"):
        assert str(migration.relative_to(ROOT)) in names, migration
    assert "bot/storage/migrations/script.py.mako" in names
    assert not any(n.startswith("tests/") for n in names)
