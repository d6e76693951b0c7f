"""Generate the docxtpl templates: skp_jpt.docx, skp_ja.docx and skp_jf.docx (PermenPANRB 8/2021,
the seed's layouts) and skp6_jpt.docx, skp6_kuantitatif.docx, skp6_kualitatif.docx (6/2022).

Run from the repository root after changing the layout, and commit the .docx files with it:

    python templates/documents/build_docx_template.py

One template per layout (the three differ in columns), built with python-docx: A4 landscape,
title, period, the two person blocks, the main table and the signature block, mirroring
templates/documents/skp.html.j2. The renderer (bot/documents/render.py) fills them with
docxtpl, autoescape on, from a context of:

    v         the SkpView
    utama     rows, one per indicator: {vm, kn, no, atasan, rk, basis, pdari, ak, aspek, iki, target, persp}
    tambahan  the same for kinerja tambahan
    perilaku  6/2022: {no, nama, panduan, ekspektasi, kn}, one per BerAKHLAK value
    lampiran  6/2022: {dukungan_sumber_daya, skema_pertanggungjawaban, konsekuensi}
    page      {w, h} in twips: A4 or F4 landscape

Page breaks: every data row "cannot split"; `kn` ("true"/"false") is written into <w:keepNext/> of
its paragraphs, true on every row of an item but its last, so an item's rows stay on one page, and
true on the last rows before the signatures, so the signature block never stands alone on a page.
The header rows repeat on every page (tblHeader).

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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell, _Row

HERE = Path(__file__).resolve().parent

FONT = "DejaVu Sans"  # the PDF's font (bot/documents/fonts.py: a light copy of DejaVu Sans)
BODY_PT = 9
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

RHK_PIMPINAN = "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"
LAYOUTS_6_2022: dict[str, tuple[str, tuple[Column, ...]]] = {
    "6-JPT": (
        "skp6_jpt.docx",
        (
            ("NO", 4, "no", True, True),
            (RHK_PIMPINAN, 21, "atasan", True, False),
            ("RENCANA HASIL KERJA", 23, "rk", True, False),
            ("INDIKATOR KINERJA INDIVIDU", 25, "iki", False, False),
            ("TARGET", 11, "target", False, True),
            ("PERSPEKTIF", 16, "persp", True, True),
        ),
    ),
    "6-KUANTITATIF": (
        "skp6_kuantitatif.docx",
        (
            ("NO", 4, "no", True, True),
            (RHK_PIMPINAN, 22, "atasan", True, False),
            ("RENCANA HASIL KERJA", 25, "rk", True, False),
            ("ASPEK", 9, "aspek", False, False),
            ("INDIKATOR KINERJA INDIVIDU", 28, "iki", False, False),
            ("TARGET", 12, "target", False, True),
        ),
    ),
    "6-KUALITATIF": (
        "skp6_kualitatif.docx",
        (
            ("NO", 4, "no", True, True),
            (RHK_PIMPINAN, 23, "atasan", True, False),
            ("RENCANA HASIL KERJA", 25, "rk", True, False),
            ("INDIKATOR KINERJA INDIVIDU", 28, "iki", False, False),
            ("TARGET", 20, "target", False, False),
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


def _keep_next(row: _Row, value: str) -> None:
    """<w:keepNext w:val="..."/> on every paragraph of the row (a docxtpl expression or "true")."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.find(qn("w:keepNext")).set(qn("w:val"), value)


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
    footer.add_run("Halaman ").font.size = Pt(BODY_PT)
    _field(footer, "PAGE")
    footer.add_run(" dari ").font.size = Pt(BODY_PT)
    _field(footer, "NUMPAGES")


def _field(paragraph, instr: str) -> None:  # type: ignore[no-untyped-def]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(BODY_PT * 2))
    r_pr.append(size)
    run.append(r_pr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _centred(doc, text: str, size: float, bold: bool) -> None:  # type: ignore[no-untyped-def]
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _title(doc, six: bool) -> None:  # type: ignore[no-untyped-def]
    _centred(doc, "{{ v.title|t }}", 12, True)
    _centred(doc, "{{ v.subtitle|t }}", 10, True)
    if six:
        _centred(doc, "PENDEKATAN HASIL KERJA {{ v.pendekatan|t }}", 10, True)
        doc.add_paragraph().paragraph_format.space_after = Pt(2)
        _meta(doc)
        return
    _centred(doc, "{{ v.instansi|t }}", 10, True)
    _centred(doc, "PERIODE PENILAIAN: {{ v.periode|t }}", BODY_PT, False)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _meta(doc) -> None:  # type: ignore[no-untyped-def]
    """6/2022: the instansi on the left, the period on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _write(left, "{{ v.instansi|t }}", bold=True)
    _write(right, "PERIODE PENILAIAN: {{ v.periode|t }}", bold=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _widths(table, [45, 55])


def _people(doc, six: bool) -> None:  # type: ignore[no-untyped-def]
    if six:
        _people6(doc)
        return
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
        attr = "nip_cell" if attr == "nip" else attr
        _write(cells[0], label)
        _write(cells[1], f"{{{{ v.pegawai.{attr}|t }}}}")
        _write(cells[2], label)
        _write(cells[3], f"{{{{ v.penilai.{attr}|t }}}}")
    _widths(table, [13, 37, 13, 37])
    _cell_margins(table)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _people6(doc) -> None:  # type: ignore[no-untyped-def]
    """6/2022: NO | PEGAWAI YANG DINILAI | NO | PEJABAT PENILAI KINERJA, rows numbered 1-5."""
    table = doc.add_table(rows=1 + len(PERSON_ROWS), cols=6)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    left = head.cells[1].merge(head.cells[2])
    right = head.cells[4].merge(head.cells[5])
    for cell, text in ((head.cells[0], "NO"), (left, "PEGAWAI YANG DINILAI"), (head.cells[3], "NO"),
                       (right, "PEJABAT PENILAI KINERJA")):
        _write(cell, text, bold=True, center=True)
        _shade(cell, "E6E6E6")
    for index, (label, attr) in enumerate(PERSON_ROWS, start=1):
        cells = table.rows[index].cells
        attr = "nip_cell" if attr == "nip" else attr
        for offset, who in ((0, "pegawai"), (3, "penilai")):
            _write(cells[offset], str(index), center=True)
            _write(cells[offset + 1], label.upper())
            _write(cells[offset + 2], f"{{{{ v.{who}.{attr}|t }}}}")
    _widths(table, [3, 14, 33, 3, 14, 33])
    _cell_margins(table)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _header_row(table, texts: list[str], *, shade: str = "E6E6E6", bold: bool = True) -> _Row:  # type: ignore[no-untyped-def]
    row = table.rows[0] if len(table.rows) == 1 and not table.rows[0].cells[0].text else table.add_row()
    _row_flag(row, "w:cantSplit")  # schema order in trPr: cantSplit before tblHeader
    _row_flag(row, "w:tblHeader")  # repeated on every page
    for cell, text in zip(row.cells, texts, strict=True):
        _write(cell, text, bold=bold, center=True)
        _shade(cell, shade)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return row


def _band_row(table, text: str) -> None:  # type: ignore[no-untyped-def]
    """A heading over the whole width ("HASIL KERJA"), repeated on every page."""
    row = table.rows[0]
    _row_flag(row, "w:cantSplit")
    _row_flag(row, "w:tblHeader")
    merged = row.cells[0].merge(row.cells[len(row.cells) - 1])
    _write(merged, text, bold=True)
    _shade(merged, "D9D9D9")


def _main_table(doc, columns: tuple[Column, ...], six: bool) -> None:  # type: ignore[no-untyped-def]
    n = len(columns)
    table = doc.add_table(rows=1, cols=n)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    if six:
        _band_row(table, "HASIL KERJA")
        _header_row(table, [c[0] for c in columns])
        _header_row(table, [f"({k})" for k in range(1, n + 1)], shade="F2F2F2", bold=False)
        sections = (("A. UTAMA", "utama"), ("B. TAMBAHAN", "tambahan"))
    else:
        _header_row(table, [c[0] for c in columns])
        sections = (("A. KINERJA UTAMA", "utama"), ("B. KINERJA TAMBAHAN", "tambahan"))

    for label, rows in sections:
        section = table.add_row()
        _row_flag(section, "w:cantSplit")
        if six:
            merged = section.cells[0].merge(section.cells[n - 1])
        else:
            merged = section.cells[1].merge(section.cells[n - 1])
            _shade(section.cells[0], "F2F2F2")
        _write(merged, label, bold=True)
        _shade(merged, "F2F2F2")
        section.cells[0].paragraphs[0].paragraph_format.keep_with_next = True

        _tag_row(table, f"{{%tr for r in {rows} %}}")
        data = table.add_row()
        _row_flag(data, "w:cantSplit")
        for cell, (_heading, _width, key, merged_item, centred) in zip(data.cells, columns, strict=True):
            if merged_item:
                _tc_pr_child(cell, "w:vMerge", {"w:val": "{{ r.vm }}"})
            _write(cell, f"{{{{ r.{key}|t }}}}", center=centred)
            if key == "rk":
                extras = (("pdari", "Penugasan dari: {{ r.pdari|t }}"),) if six else ()
                for flag, text in (*extras, ("basis", "Dasar: {{ r.basis|t }}")):
                    cell.add_paragraph().add_run(f"{{%p if r.{flag} %}}")
                    run = cell.add_paragraph().add_run(text)
                    run.italic = True
                    cell.add_paragraph().add_run("{%p endif %}")
        _keep_next(data, "{{ r.kn }}")
        _tag_row(table, "{%tr endfor %}")

        _tag_row(table, f"{{%tr if not {rows} %}}")
        empty = table.add_row()
        _row_flag(empty, "w:cantSplit")
        for cell in empty.cells:
            _write(cell, "-", center=True)
        if rows == "tambahan" and not six:
            _keep_next(empty, "true")  # the signature block follows
        _tag_row(table, "{%tr endif %}")

    _widths(table, [c[1] for c in columns])
    _cell_margins(table)


def _perilaku(doc) -> None:  # type: ignore[no-untyped-def]
    """6/2022: the seven BerAKHLAK values with their panduan and the ekspektasi khusus."""
    doc.add_paragraph().paragraph_format.space_after = Pt(4)
    table = doc.add_table(rows=1, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _band_row(table, "PERILAKU KERJA")
    _header_row(table, ["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN"])
    _tag_row(table, "{%tr for p in perilaku %}")
    row = table.add_row()
    _row_flag(row, "w:cantSplit")
    no, nilai, ekspektasi = row.cells
    _write(no, "{{ p.no }}", center=True)
    _write(nilai, "{{ p.nama|t }}", bold=True)
    _write(nilai, "{{ p.panduan|t }}", first=False)
    _write(ekspektasi, "{{ p.ekspektasi|t }}")
    _keep_next(row, "{{ p.kn }}")
    _tag_row(table, "{%tr endfor %}")
    _widths(table, [4, 48, 48])
    _cell_margins(table)


def _signatures(doc) -> None:  # type: ignore[no-untyped-def]
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(4)
    spacer.paragraph_format.keep_with_next = True  # the last rows, this gap and the block stay together
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
        # No pangkat line for one without a pangkat, no "NIP." line without an identifier (the Bupati).
        cell.add_paragraph().add_run(f"{{%p if v.{who}.has_pangkat %}}")
        _write(cell, f"{{{{ v.{who}.pangkat|t }}}}", center=True, first=False)
        cell.add_paragraph().add_run("{%p endif %}")
        cell.add_paragraph().add_run(f"{{%p if v.{who}.has_nip %}}")
        _write(cell, f"NIP. {{{{ v.{who}.nip|t }}}}", center=True, first=False)
        cell.add_paragraph().add_run("{%p endif %}")
    _widths(table, [38, 24, 38])


def _lampiran(doc) -> None:  # type: ignore[no-untyped-def]
    """6/2022: LAMPIRAN SASARAN KINERJA PEGAWAI on its own page, then the signatures again."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centred(doc, "LAMPIRAN SASARAN KINERJA PEGAWAI", 12, True)
    _centred(doc, "{{ v.subtitle|t }}", 10, True)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    _meta(doc)
    doc.add_paragraph().add_run(
        "Pegawai yang dinilai: {{ v.pegawai.nama|t }}{% if v.pegawai.has_nip %} (NIP. {{ v.pegawai.nip|t }}){% endif %}"
    )
    table = doc.add_table(rows=6, cols=1)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (label, key) in enumerate(
        (
            ("DUKUNGAN SUMBER DAYA", "dukungan_sumber_daya"),
            ("SKEMA PERTANGGUNGJAWABAN", "skema_pertanggungjawaban"),
            ("KONSEKUENSI", "konsekuensi"),
        )
    ):
        head, body = table.rows[2 * index], table.rows[2 * index + 1]
        _row_flag(head, "w:cantSplit")
        _write(head.cells[0], label, bold=True)
        _shade(head.cells[0], "E6E6E6")
        head.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
        _write(body.cells[0], f"{{{{ lampiran.{key}|t }}}}")
    _widths(table, [100])
    _cell_margins(table, top=40, bottom=60)


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


ALL_LAYOUTS = {**LAYOUTS, **LAYOUTS_6_2022}


def build(layout: str, out_dir: Path = HERE) -> Path:
    file_name, columns = ALL_LAYOUTS[layout]
    six = layout in LAYOUTS_6_2022
    doc = Document()
    _page_setup(doc)
    _title(doc, six)
    _people(doc, six)
    _main_table(doc, columns, six)
    if six:
        _perilaku(doc)
    _signatures(doc)
    if six:
        _lampiran(doc)
        _signatures(doc)
    _slim(doc)
    # The paper (A4 or F4, SKP_PAPER) is chosen at render time (set last: python-docx reads it).
    page_size = doc.sections[0]._sectPr.find(qn("w:pgSz"))
    page_size.set(qn("w:w"), "{{ page.w }}")
    page_size.set(qn("w:h"), "{{ page.h }}")
    core = doc.core_properties
    core.title = "Sasaran Kinerja Pegawai"
    core.author = "skp-bot"
    core.comments = "Generated by templates/documents/build_docx_template.py"
    target = Path(out_dir) / file_name
    doc.save(str(target))
    return target


def main(argv: list[str]) -> int:
    for layout in argv or list(ALL_LAYOUTS):
        print(build(layout))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
