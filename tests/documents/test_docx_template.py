"""The committed .docx templates are what build_docx_template.py generates."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

from bot.templating import TEMPLATES_DIR

SCRIPT = TEMPLATES_DIR / "documents" / "build_docx_template.py"


def _load_builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_docx_template", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("layout", ["JPT", "JA", "JF", "6-JPT", "6-KUANTITATIF", "6-KUALITATIF"])
def test_committed_template_matches_builder(layout: str, tmp_path: Path) -> None:
    builder = _load_builder()
    fresh = builder.build(layout, tmp_path)
    committed = TEMPLATES_DIR / "documents" / fresh.name
    assert committed.is_file(), f"run python {SCRIPT.relative_to(TEMPLATES_DIR.parent)}"
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
        for part in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml"):
            assert a.read(part) == b.read(part), f"{committed.name}:{part} is stale; rerun the builder"
        assert not any("stylesWithEffects" in name for name in b.namelist())


def test_template_rows_use_docxtpl_tags() -> None:
    with zipfile.ZipFile(TEMPLATES_DIR / "documents" / "skp_ja.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "{%tr for r in utama %}" in xml
    assert "{%tr for r in tambahan %}" in xml
    assert 'w:val="{{ r.vm }}"' in xml
    assert "<w:tblHeader/>" in xml
