"""Generate the docxtpl templates skp_jpt.docx, skp_ja.docx and skp_jf.docx.

Run from the repository root after changing the layout, and commit the .docx files with it:

    python templates/documents/build_docx_template.py

One template per layout (the three differ in columns), built with python-docx: A4 landscape,
title, period, the two person blocks, the main table and the signature block, mirroring
templates/documents/skp.html.j2. The renderer (bot/documents/render.py) fills them with
docxtpl, autoescape on, from a context of:

    v         the SkpView
    utama     rows, one per indicator: {vm, no, atasan, rk, basis, ak, aspek, iki, target}
    tambahan  the same for kinerja tambahan

`vm` is "restart" on an item's first row and "continue" on the others: it is written into
<w:vMerge w:val="..."/> of the item cells (NO, atasan, RK, AK), which merges them vertically
the way rowspan does in the HTML. Filter `t` escapes text and keeps line breaks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell, _Row

HERE = Path(__file__).resolve().parent

FONT = "Arial"
BODY_PT = 8
USABLE_MM = 297 - 2 * 12  # A4 landscape minus left/right margins

# (heading, width %, key in the row dict, is an item cell merged over the item's rows, centred)
Column = tuple[str, float, str, bool, bool]
LAYOUTS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "JPT": (
        "skp_jpt.docx",
        (
            ("NO", 4, "no", True, True),
            ("RENCANA KINERJA", 40, "rk", True, False),
            ("INDIKATOR KINERJA INDIVIDU", 40, "iki", False, False),
            ("TARGET", 16, "target", False, True),
        ),
    ),
    "JA": (
        "skp_ja.docx",
        (
            ("NO", 4, "no", True, True),
            ("RENCANA KINERJA ATASAN LANGSUNG", 22, "atasan", True, False),
            ("RENCANA KINERJA", 25, "rk", True, False),
            ("ASPEK", 8, "aspek", False, False),
            ("INDIKATOR KINERJA INDIVIDU", 29, "iki", False, False),
            ("TARGET", 12, "target", False, True),
        ),
    ),
    "JF": (
        "skp_jf.docx",
        (
            ("NO", 4, "no", True, True),
            ("RENCANA KINERJA ATASAN LANGSUNG/UNIT KERJA/ ORGANISASI", 19, "atasan", True, False),
            ("RENCANA KINERJA", 23, "rk", True, False),
            ("AK", 5, "ak", True, True),
            ("ASPEK", 8, "aspek", False, False),
            ("INDIKATOR KINERJA INDIVIDU", 29, "iki", False, False),
            ("TARGET", 12, "target", False, True),
        ),
    ),
}

PERSON_ROWS = (
    ("Nama", "nama"),
    ("NIP", "nip"),
    ("Pangkat/Gol Ruang", "pangkat"),
    ("Jabatan", "jabatan"),
    ("Unit Kerja", "unit_kerja"),
)


# ----------------------------------------------------------------- low-level helpers


def _tc_pr_child(cell: _Cell, tag: str, attrs: dict[str, str]) -> None:
    """Append a tcPr child, keeping the schema order tcW, gridSpan, vMerge, tcBorders, shd, ..., vAlign."""
    tc_pr = cell._tc.get_or_add_tcPr()
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    order = [
        "w:tcW",
        "w:gridSpan",
        "w:hMerge",
        "w:vMerge",
        "w:tcBorders",
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
    ]
    position = order.index(tag)
    for index, child in enumerate(tc_pr):
        child_tag = child.tag.split("}")[1]
        if f"w:{child_tag}" in order and order.index(f"w:{child_tag}") > position:
            tc_pr.insert(index, element)
            return
    tc_pr.append(element)


def _shade(cell: _Cell, fill: str) -> None:
    _tc_pr_child(cell, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})


def _row_flag(row: _Row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement(tag))


def _write(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    size: float | None = None,
    first: bool = True,
    underline: bool = False,
) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    if size:
        run.font.size = Pt(size)


def _widths(table, percents: list[float]) -> None:  # type: ignore[no-untyped-def]
    table.autofit = False
    widths = [Mm(USABLE_MM * p / 100) for p in percents]
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = sum(widths[col : col + span], Mm(0))
            col += span


def _cell_margins(table, top: int = 20, bottom: int = 20) -> None:  # type: ignore[no-untyped-def]
    """Small vertical padding in every cell (twips), like the PDF's."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", 57), ("bottom", bottom), ("right", 57)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # schema order inside tblPr: ... tblLayout, tblCellMar, tblLook
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _tag_row(table, text: str) -> None:  # type: ignore[no-untyped-def]
    """A row holding only a docxtpl row tag ({%tr ... %}); docxtpl replaces the whole row."""
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run(text)


# ----------------------------------------------------------------- document parts


def _page_setup(doc) -> None:  # type: ignore[no-untyped-def]
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Mm(297)
    section.page_height = Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin = Mm(12)
    section.bottom_margin = Mm(12)
    section.header_distance = Mm(5)
    section.footer_distance = Mm(5)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    r_pr = normal.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)
    # Spell-check as Indonesian.
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), "id-ID")
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0

    # Header: the DRAFT mark, only when the SKP is not approved yet.
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(
        "{% if v.draft %}DRAFT \u2014 Status: {{ v.status_label|t }} \u2014 "
        "belum disetujui pejabat penilai kinerja{% endif %}"
    )
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)

    # Footer: "Halaman X dari Y".
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Halaman ").font.size = Pt(7)
    _field(footer, "PAGE")
    footer.add_run(" dari ").font.size = Pt(7)
    _field(footer, "NUMPAGES")


def _field(paragraph, instr: str) -> None:  # type: ignore[no-untyped-def]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "14")
    r_pr.append(size)
    run.append(r_pr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _title(doc) -> None:  # type: ignore[no-untyped-def]
    for text, size, bold in (
        ("{{ v.title|t }}", 12, True),
        ("{{ v.instansi|t }}", 10, True),
        ("PERIODE PENILAIAN: {{ v.periode|t }}", 9, False),
    ):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _people(doc) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1 + len(PERSON_ROWS), cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    left = head.cells[0].merge(head.cells[1])
    right = head.cells[2].merge(head.cells[3])
    for cell, text in ((left, "PEGAWAI YANG DINILAI"), (right, "PEJABAT PENILAI KINERJA")):
        _write(cell, text, bold=True, center=True)
        _shade(cell, "E6E6E6")
    for index, (label, attr) in enumerate(PERSON_ROWS, start=1):
        cells = table.rows[index].cells
        _write(cells[0], label)
        _write(cells[1], f"{{{{ v.pegawai.{attr}|t }}}}")
        _write(cells[2], label)
        _write(cells[3], f"{{{{ v.penilai.{attr}|t }}}}")
    _widths(table, [13, 37, 13, 37])
    _cell_margins(table)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _main_table(doc, columns: tuple[Column, ...]) -> None:  # type: ignore[no-untyped-def]
    n = len(columns)
    table = doc.add_table(rows=1, cols=n)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    head = table.rows[0]
    _row_flag(head, "w:cantSplit")  # schema order in trPr: cantSplit before tblHeader
    _row_flag(head, "w:tblHeader")  # repeated on every page
    for cell, (heading, *_rest) in zip(head.cells, columns, strict=True):
        _write(cell, heading, bold=True, center=True, size=7.5)
        _shade(cell, "E6E6E6")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    for label, rows in (("A. KINERJA UTAMA", "utama"), ("B. KINERJA TAMBAHAN", "tambahan")):
        section = table.add_row()
        _row_flag(section, "w:cantSplit")
        merged = section.cells[1].merge(section.cells[n - 1])
        _write(merged, label, bold=True)
        _shade(section.cells[0], "F2F2F2")
        _shade(merged, "F2F2F2")

        _tag_row(table, f"{{%tr for r in {rows} %}}")
        data = table.add_row()
        _row_flag(data, "w:cantSplit")
        for cell, (_heading, _width, key, merged_item, centred) in zip(data.cells, columns, strict=True):
            if merged_item:
                _tc_pr_child(cell, "w:vMerge", {"w:val": "{{ r.vm }}"})
            _write(cell, f"{{{{ r.{key}|t }}}}", center=centred)
            if key == "rk":
                paragraph = cell.add_paragraph()
                paragraph.add_run("{%p if r.basis %}")
                basis = cell.add_paragraph()
                run = basis.add_run("Dasar: {{ r.basis|t }}")
                run.italic = True
                run.font.size = Pt(7)
                cell.add_paragraph().add_run("{%p endif %}")
        _tag_row(table, "{%tr endfor %}")

        _tag_row(table, f"{{%tr if not {rows} %}}")
        empty = table.add_row()
        for cell in empty.cells:
            _write(cell, "-", center=True)
        _tag_row(table, "{%tr endif %}")

    _widths(table, [c[1] for c in columns])
    _cell_margins(table)


def _signatures(doc) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph().paragraph_format.space_after = Pt(4)
    table = doc.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row_flag(table.rows[0], "w:cantSplit")
    left, _gap, right = table.rows[0].cells
    for cell, place, role, who in (
        (left, "", "PEGAWAI YANG DINILAI", "pegawai"),
        (right, "{{ v.tempat|t }}, {{ v.tanggal|t }}", "PEJABAT PENILAI KINERJA", "penilai"),
    ):
        _write(cell, place, center=True)
        _write(cell, role, bold=True, center=True, first=False)
        for _ in range(4):
            cell.add_paragraph()
        _write(cell, f"{{{{ v.{who}.nama|t }}}}", bold=True, underline=True, center=True, first=False)
        _write(cell, f"{{{{ v.{who}.pangkat|t }}}}", center=True, first=False)
        _write(cell, f"NIP. {{{{ v.{who}.nip|t }}}}", center=True, first=False)
    _widths(table, [38, 24, 38])


def _slim(doc) -> None:  # type: ignore[no-untyped-def]
    """Drop what python-docx's default template carries but we never use.

    Its styles.xml (350 kB of latent styles) and stylesWithEffects.xml (440 kB) are parsed,
    serialised and deflated on every render: removing them halves DOCX render time.
    """
    drop_types = ("stylesWithEffects", "customXml", "thumbnail")
    for owner in (doc.part, doc.part.package):
        for r_id, rel in list(owner.rels.items()):
            if any(kind in rel.reltype for kind in drop_types):
                owner.rels.pop(r_id)

    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)

    # Styles referenced anywhere, plus defaults, closed over basedOn / next / link.
    used: set[str] = set()
    parts = [
        doc.element,
        *(s.header._element for s in doc.sections),
        *(s.footer._element for s in doc.sections),
    ]
    for element in parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            for ref in element.iter(qn(tag)):
                used.add(ref.get(qn("w:val")))
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    used |= {sid for sid, s in by_id.items() if s.get(qn("w:default")) in ("1", "true")}
    pending = list(used)
    while pending:
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in used:
                used.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in used:
            styles.remove(style)


def build(layout: str, out_dir: Path = HERE) -> Path:
    file_name, columns = LAYOUTS[layout]
    doc = Document()
    _page_setup(doc)
    _title(doc)
    _people(doc)
    _main_table(doc, columns)
    _signatures(doc)
    _slim(doc)
    core = doc.core_properties
    core.title = "Sasaran Kinerja Pegawai"
    core.author = "skp-bot"
    core.comments = "Generated by templates/documents/build_docx_template.py"
    target = Path(out_dir) / file_name
    doc.save(str(target))
    return target


def main(argv: list[str]) -> int:
    for layout in argv or list(LAYOUTS):
        print(build(layout))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
