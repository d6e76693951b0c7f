"""The PermenPANRB 6/2022 SKP (PDF and DOCX): every part of the document, page breaks that keep
items and the signature block together, paper, fonts."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from bot.documents.skp import render_docx, render_html, render_pdf
from bot.documents.view import SkpView
from skp_domain.format6 import BERAKHLAK, EXAMPLE_EKSPEKTASI
from tests.documents.samples import sample_view, sample_view6

from .helpers import docx_text, pdf_pages, pdf_text, squash

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _expected_6_2022(view: SkpView) -> list[str]:
    out = [
        "SASARAN KINERJA PEGAWAI",
        view.subtitle,
        f"PENDEKATAN HASIL KERJA {view.pendekatan}",
        view.instansi,
        f"PERIODE PENILAIAN: {view.periode}",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "PANGKAT/GOL RUANG",
        "UNIT KERJA",
        "HASIL KERJA",
        "A. UTAMA",
        "B. TAMBAHAN",
        "PERILAKU KERJA",
        "EKSPEKTASI KHUSUS PIMPINAN",
        f"{view.tempat}, {view.tanggal}",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "DUKUNGAN SUMBER DAYA",
        "SKEMA PERTANGGUNGJAWABAN",
        "KONSEKUENSI",
        EXAMPLE_EKSPEKTASI,
    ]
    out += [f"({n})" for n in range(1, len(view.columns) + 1)]
    out += list(view.columns)
    for person in (view.pegawai, view.penilai):
        out += [person.nama, person.nip, person.pangkat, person.jabatan, person.unit_kerja]
    for item in (*view.utama, *view.tambahan):
        out.append(item.rencana_kinerja)
        if item.atasan != "-":
            out.append(item.atasan)
        if item.penugasan_dari:
            out.append(f"Penugasan dari: {item.penugasan_dari}")
        if item.perspektif:
            out.append(item.perspektif)
        for ind in item.indicators:
            out += [ind.indikator, ind.target]
            if ind.aspek:
                out.append(ind.aspek)
    for value in BERAKHLAK:
        out.append(value.nama)
        out += list(value.panduan)
    assert view.lampiran is not None
    out += [line for text in dataclasses.astuple(view.lampiran) for line in text.split("\n")]
    return out


CASES = [("JPT", False), ("JA", False), ("JF", False), ("JA", True), ("JPT", True)]


@pytest.mark.parametrize(("layout", "kualitatif"), CASES, ids=[f"{a}-{'kual' if b else 'kuan'}" for a, b in CASES])
def test_every_part_of_the_6_2022_document_in_pdf_and_docx(layout: str, kualitatif: bool) -> None:
    view = sample_view6(layout, 3, kualitatif=kualitatif)
    pdf, docx = render_pdf(view), render_docx(view)
    for fmt, text in (("pdf", squash(pdf_text(pdf))), ("docx", squash(docx_text(docx)))):
        for expected in _expected_6_2022(view):
            assert squash(expected) in text, f"{fmt}: {expected!r} missing"
        # 8/2021 words are gone, and so is the AK column (PermenPANRB 1/2023)
        assert "KINERJAUTAMA" not in text and "RENCANAKINERJAATASAN" not in text
        assert "|AK|" not in text
    headings = view.columns
    assert ("ASPEK" in headings) is (layout != "JPT" and not kualitatif)
    assert ("PERSPEKTIF" in headings) is (layout == "JPT")
    assert "AK" not in headings


def test_jf_under_6_2022_has_no_ak_and_kualitatif_no_aspect_grid() -> None:
    jf = sample_view6("JF", 2)
    assert jf.columns == (
        "NO",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "RENCANA HASIL KERJA",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
    )
    html = render_html(jf)
    assert 'class="ak"' not in html and "0,500" not in html
    kual = sample_view6("JF", 2, kualitatif=True)
    html = render_html(kual)
    assert 'class="aspek"' not in html and "Kuantitas" not in html
    assert "PENDEKATAN HASIL KERJA KUALITATIF" in html


def test_perilaku_kerja_has_seven_values_with_three_panduan_each() -> None:
    view = sample_view6("JA", 1)
    assert [p.nama for p in view.perilaku] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    html = render_html(view)
    assert html.count('<ol class="panduan">') == 7
    assert html.count("<li>") == 21
    # an empty ekspektasi khusus prints as "-"
    assert html.count('<td class="ekspektasi">-</td>') == 6


def test_lampiran_not_written_yet_says_so() -> None:
    view = dataclasses.replace(sample_view6("JA", 1), lampiran=None)
    for text in (pdf_text(render_pdf(view)), docx_text(render_docx(view))):
        assert squash("(belum diisi oleh pejabat penilai kinerja)") in squash(text)


def test_lampiran_starts_on_its_own_page() -> None:
    view = sample_view6("JA", 2)
    pages = [squash(p) for p in pdf_pages(render_pdf(view))]
    lampiran_page = next(n for n, p in enumerate(pages) if "LAMPIRANSASARANKINERJAPEGAWAI" in p)
    assert lampiran_page > 0
    assert "KOLABORATIF" not in pages[lampiran_page].upper().replace("KONSEKUENSI", "")
    assert "PERILAKUKERJA" not in pages[lampiran_page]


# --------------------------------------------------------------- page breaks


def _page_of(pages: list[str], needle: str, *, last: bool = False) -> int:
    found = [n for n, page in enumerate(pages) if squash(needle) in page]
    assert found, needle
    return found[-1] if last else found[0]


@pytest.mark.parametrize("items", [6, 12])
@pytest.mark.parametrize("layout", ["JPT", "JA", "JF"])
def test_pdf_signature_block_stays_with_the_last_rows(layout: str, items: int) -> None:
    for view in (sample_view(layout, items), sample_view6(layout, items)):
        pages = [squash(p) for p in pdf_pages(render_pdf(view))]
        sign_page = _page_of(pages, "PEGAWAI YANG DINILAI", last=True)
        if view.six:
            sign_page = _page_of(pages, f"{view.tempat}, {view.tanggal}")  # the first block (before the lampiran)
            last_row_page = _page_of(pages, view.perilaku[-1].panduan[-1])
        else:
            last_row_page = _page_of(pages, view.tambahan[-1].indicators[-1].indikator, last=True)
        assert sign_page == last_row_page, f"{view.format} {layout} {items}: signature alone on page {sign_page + 1}"
        signature_page = pages[sign_page]
        assert squash(view.pegawai.nama) in signature_page and squash(view.penilai.nama) in signature_page
        # every item's rows stay on one page: its rencana kinerja and its last indicator together
        for item in (*view.utama, *view.tambahan):
            rk = squash(item.rencana_kinerja)[:40]
            last = squash(item.indicators[-1].indikator)
            assert any(rk in page and last in page for page in pages), f"{item.no} split across pages"


def _rows(docx: bytes) -> list[tuple[bool, bool, list[str], str]]:
    """(cantSplit, tblHeader, keepNext values, text) for every row of the HASIL KERJA table."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tables = root.findall(f".//{W}tbl")
    main = next(t for t in tables if "INDIKATOR KINERJA INDIVIDU" in "".join(t.itertext()))
    out = []
    for tr in main.findall(f"{W}tr"):
        tr_pr = tr.find(f"{W}trPr")
        cant = tr_pr is not None and tr_pr.find(f"{W}cantSplit") is not None
        header = tr_pr is not None and tr_pr.find(f"{W}tblHeader") is not None
        keeps = [k.get(f"{W}val", "true") for k in tr.iter(f"{W}keepNext")]
        out.append((cant, header, keeps, "".join(tr.itertext())))
    return out


@pytest.mark.parametrize("items", [6, 12])
@pytest.mark.parametrize("six", [False, True], ids=["8-2021", "6-2022"])
def test_docx_items_never_split_and_header_repeats(six: bool, items: int) -> None:
    view = sample_view6("JA", items) if six else sample_view("JA", items)
    rows = _rows(render_docx(view))
    headers = [r for r in rows if r[1]]
    assert headers and all(r[0] for r in headers)  # header rows repeat on every page
    assert "INDIKATOR KINERJA INDIVIDU" in "".join(r[3] for r in headers)
    data = [r for r in rows if not r[1]]
    assert all(cant for cant, _h, _k, _t in data), "every row must be 'cannot split'"
    for item in (*view.utama, *view.tambahan):
        first = next(n for n, r in enumerate(data) if item.rencana_kinerja in r[3])
        span = data[first : first + len(item.indicators)]
        # all rows of the item but the last keep with the next row
        assert all(k and set(k) == {"true"} for _c, _h, k, _t in span[:-1]), item.no
    last_keeps = data[-1][2]
    assert last_keeps and set(last_keeps) == ({"false"} if six else {"true"})  # 8/2021: the signatures follow


def test_docx_signature_block_is_kept_with_the_rows_above() -> None:
    from lxml import etree

    for view in (sample_view("JF", 6), sample_view6("JF", 6)):
        with zipfile.ZipFile(io.BytesIO(render_docx(view))) as z:
            root = etree.fromstring(z.read("word/document.xml"))
        body = root.find(f"{W}body")
        assert body is not None
        blocks = list(body)
        texts = ["".join(b.itertext()) for b in blocks]
        sign = next(
            n
            for n, (b, text) in enumerate(zip(blocks, texts, strict=True))
            if b.tag == f"{W}tbl" and "PEJABAT PENILAI KINERJA" in text and "JABATAN" not in text.upper()
        )
        spacer = blocks[sign - 1]
        assert spacer.tag == f"{W}p" and spacer.find(f".//{W}keepNext") is not None
        before = blocks[sign - 2]
        assert before.tag == f"{W}tbl"
        last_row = before.findall(f"{W}tr")[-1]
        assert [k.get(f"{W}val") for k in last_row.iter(f"{W}keepNext")] and all(
            k.get(f"{W}val") == "true" for k in last_row.iter(f"{W}keepNext")
        )
        assert sign and blocks[sign].find(f".//{W}cantSplit") is not None


# --------------------------------------------------------------- people, paper, fonts


def test_penilai_without_identifier_prints_no_nip_line() -> None:
    view = sample_view6("JPT", 1)
    bupati = dataclasses.replace(
        view.penilai, nama="dr. H. Arif Sugiyanto, S.H., M.H.", nip="", pangkat="-", jabatan="Bupati Kebumen"
    )
    view = dataclasses.replace(view, penilai=bupati)
    html = render_html(view)
    # the pegawai's NIP in the two signature blocks and on the lampiran; none for the Bupati
    assert html.count("NIP. ") == 3
    assert "NIP. -" not in html and "Pembina Utama" not in html.split("PEJABAT PENILAI KINERJA")[-1]
    for text in (pdf_text(render_pdf(view)), docx_text(render_docx(view))):
        flat = squash(text)
        assert "NIP.-" not in flat
        assert flat.count("NIP.") == 3
        assert squash("dr. H. Arif Sugiyanto, S.H., M.H.") in flat


def test_f4_paper() -> None:
    for view in (sample_view("JA", 2), sample_view6("JA", 2)):
        for paper, (width_mm, height_mm) in (("A4", (297, 210)), ("F4", (330, 215))):
            pdf = render_pdf(dataclasses.replace(view, paper=paper))
            box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
            assert round(float(box.width) / 72 * 25.4) == width_mm
            assert round(float(box.height) / 72 * 25.4) == height_mm
            docx = render_docx(dataclasses.replace(view, paper=paper))
            with zipfile.ZipFile(io.BytesIO(docx)) as z:
                xml = z.read("word/document.xml").decode()
            size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', xml)
            assert size is not None
            assert round(int(size.group(1)) / 1440 * 25.4) == width_mm


def _pdf_font_sizes(pdf: bytes) -> tuple[set[str], list[float]]:
    fonts: set[str] = set()
    sizes: list[float] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:  # type: ignore[type-arg]
            if not text.strip() or font is None:
                return
            fonts.add(str(font.get("/BaseFont", "")).split("+")[-1])
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append(size * scale)

        page.extract_text(visitor_text=visit)
    return fonts, sizes


def test_one_font_at_nine_points_or_more_in_pdf_and_docx() -> None:
    from lxml import etree

    for view in (sample_view("JF", 3), sample_view6("JPT", 3)):
        fonts, sizes = _pdf_font_sizes(render_pdf(view))
        # one family (the light DejaVu Sans: regular, bold, italic)
        assert fonts and all(f.startswith("SKP-Sans") for f in fonts), fonts
        readable = [s for s in sizes if s < 100]  # the DRAFT watermark is huge
        assert readable and min(readable) >= 8.95, min(readable)
        with zipfile.ZipFile(io.BytesIO(render_docx(view))) as z:
            styles = etree.fromstring(z.read("word/styles.xml"))
            document = z.read("word/document.xml").decode()
        fonts_named = {f.get(f"{W}ascii") for f in styles.iter(f"{W}rFonts") if f.get(f"{W}ascii")} | set(
            re.findall(r'w:ascii="([^"]+)"', document)
        )
        assert fonts_named == {"DejaVu Sans"}
        half_points = [int(v) for v in re.findall(r'<w:sz w:val="(\d+)"', document)]
        assert half_points and min(half_points) >= 18
