"""SKP PDF and DOCX: both formats carry the whole view-model, in the seed's layouts."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from pypdf import PdfReader

from bot.documents.skp import document_filename, render_docx, render_html, render_pdf
from bot.documents.view import COLUMNS, TITLES, IndicatorRow, ItemRow, SkpView
from tests.documents.samples import sample_view

from .helpers import docx_text, pdf_pages, pdf_text, rendered, squash


def _expected_strings(view: SkpView) -> list[str]:
    out = [
        view.title,
        view.subtitle,
        view.instansi,
        view.periode,
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "A. KINERJA UTAMA",
        "B. KINERJA TAMBAHAN",
        f"{view.tempat}, {view.tanggal}",
    ]
    for person in (view.pegawai, view.penilai):
        out += [person.nama, person.nip, person.pangkat, person.jabatan, person.unit_kerja]
    out += list(view.columns)
    for item in (*view.utama, *view.tambahan):
        out.append(item.rencana_kinerja)
        if view.layout != "JPT" and item.atasan != "-":
            out.append(item.atasan)
        if item.basis:
            out.append(f"Dasar: {item.basis}")
        if view.layout == "JF":
            assert item.ak
            out.append(item.ak)
        for ind in item.indicators:
            out += [ind.indikator, ind.target]
            if ind.aspek:
                out.append(ind.aspek)
    return out


@pytest.mark.parametrize("approved", [False, True], ids=["draft", "approved"])
def test_pdf_and_docx_carry_everything(layout: str, approved: bool) -> None:
    view, pdf, docx = rendered(layout, approved=approved)
    assert pdf.startswith(b"%PDF")
    assert zipfile.is_zipfile(io.BytesIO(docx))
    texts = {"pdf": squash(pdf_text(pdf)), "docx": squash(docx_text(docx))}
    for fmt, text in texts.items():
        for expected in _expected_strings(view):
            assert squash(expected) in text, f"{fmt}: {expected!r} missing"
        assert ("DRAFT" in text) is view.draft, f"{fmt}: DRAFT mark must show iff not approved"
        if view.draft:
            assert view.status_label in text
    if layout != "JF":
        assert "AK" not in [c.strip() for c in view.columns]


def test_titles_and_columns_follow_the_seed() -> None:
    # The official title on top, the seed's form name (without its "SKP") below it.
    assert {sample_view(layout).title for layout in ("JPT", "JA", "JF")} == {"SASARAN KINERJA PEGAWAI"}
    assert sample_view("JPT").subtitle == "JABATAN PIMPINAN TINGGI (JPT) PRATAMA DAN CAMAT"
    assert sample_view("JA").subtitle == "JABATAN ADMINISTRASI"
    assert sample_view("JF").subtitle == "JABATAN FUNGSIONAL"
    assert COLUMNS["JPT"] == ("NO", "RENCANA KINERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET")
    assert COLUMNS["JF"][3] == "AK"
    assert set(TITLES) == {"JPT", "JA", "JF"}
    with pytest.raises(ValueError):
        dataclasses.replace(sample_view("JA"), layout="XX")


def test_sample_people_come_from_the_seed() -> None:
    jpt, ja, jf = sample_view("JPT"), sample_view("JA"), sample_view("JF")
    assert (jpt.pegawai.nama, jpt.penilai.nama) == (
        "H. MOH AMIRUDIN, S.IP.,M.M.",
        "H. AHMAD UJANG SUGIONO, S.H.",
    )
    assert ja.penilai == jpt.pegawai
    assert jf.penilai == ja.pegawai
    assert jf.pegawai.nip == "19910611 201206 2 001"
    assert jf.utama[0].ak == "0,500"
    assert [i.aspek for i in ja.utama[0].indicators] == ["Kuantitas", "Kualitas", "Waktu"]
    assert len(sample_view("JA", 40).utama) == 40
    assert len({i.rencana_kinerja for i in sample_view("JF", 40).utama}) == 40


def test_pdf_and_docx_list_the_same_items_in_the_same_order(layout: str) -> None:
    view, pdf, docx = rendered(layout)
    pdf_flat, docx_flat = squash(pdf_text(pdf)), squash(docx_text(docx))
    for text in (pdf_flat, docx_flat):
        positions = [text.index(squash(item.rencana_kinerja)) for item in (*view.utama, *view.tambahan)]
        assert positions == sorted(positions)
    for item in (*view.utama, *view.tambahan):
        for ind in item.indicators:
            row = squash(ind.indikator + ind.target)
            assert (row in pdf_flat) == (row in docx_flat)


def test_item_rows_span_their_indicators_in_html(layout: str) -> None:
    view = sample_view(layout, 2)
    html = render_html(view)
    n = len(view.utama[0].indicators)
    assert f'<td class="rk" rowspan="{n}">' in html
    # every item is one row group; the last one also holds the signature block
    assert html.count('<tbody class="item">') == len(view.utama) + len(view.tambahan) - 1
    assert html.count('<tbody class="item with-sign">') == 1
    assert "<thead>" in html


def test_empty_tambahan_prints_a_dash_row() -> None:
    view = dataclasses.replace(sample_view("JA", 1), tambahan=())
    html = render_html(view)
    assert '<tbody class="item empty with-sign">' in html
    docx = squash(docx_text(render_docx(view)))
    assert "B.KINERJATAMBAHAN------" in docx


def test_item_without_indicators_still_renders() -> None:
    view = sample_view("JF", 1)
    bare = ItemRow(no=2, atasan="-", rencana_kinerja="Rencana tanpa indikator", ak=None, indicators=())
    view = dataclasses.replace(view, utama=(*view.utama, bare))
    assert squash("Rencana tanpa indikator") in squash(pdf_text(render_pdf(view)))
    assert "Rencana tanpa indikator" in docx_text(render_docx(view))


NASTY = "Laporan R&D <2026> <b>tebal</b> ✅"


def test_user_text_is_escaped_in_both_formats() -> None:
    view = sample_view("JF", 2)
    first = dataclasses.replace(
        view.utama[0],
        rencana_kinerja=NASTY,
        atasan="Atasan & <i>miring</i>",
        indicators=(IndicatorRow("Kuantitas", "Indikator \"kutip\" & 'apostrof'", "1 <dok>"),),
    )
    pegawai = dataclasses.replace(view.pegawai, nama="SEKAR & <SATITI>")
    view = dataclasses.replace(view, utama=(first, *view.utama[1:]), pegawai=pegawai)

    html = render_html(view)
    assert "Laporan R&amp;D &lt;2026&gt; &lt;b&gt;tebal&lt;/b&gt; ✅" in html
    assert "<b>tebal</b>" not in html

    for text in (pdf_text(render_pdf(view)), docx_text(render_docx(view))):
        flat = squash(text)
        for literal in (
            NASTY,
            "Atasan & <i>miring</i>",
            "Indikator \"kutip\" & 'apostrof'",
            "1 <dok>",
            "SEKAR & <SATITI>",
        ):
            assert squash(literal) in flat, literal


def test_newlines_and_control_characters_in_user_text() -> None:
    view = sample_view("JA", 1)
    item = dataclasses.replace(view.utama[0], rencana_kinerja="Baris satu\nBaris dua\x07")
    view = dataclasses.replace(view, utama=(item,))
    assert "Barisdua" in squash(pdf_text(render_pdf(view)))
    text = docx_text(render_docx(view))
    assert "Baris satu\nBaris dua" in text


def test_forty_items_and_a_500_char_rk_break_across_pages_with_repeated_header() -> None:
    view = sample_view("JF", 40)
    long_rk = (
        "Terwujudnya tata kelola kepegawaian yang akuntabel, transparan dan berbasis merit "
        "melalui digitalisasi layanan "
    ) * 6
    long_rk = long_rk[:500]
    assert len(long_rk) == 500
    items = (dataclasses.replace(view.utama[0], rencana_kinerja=long_rk), *view.utama[1:])
    view = dataclasses.replace(view, utama=items)
    pdf = render_pdf(view)
    pages = pdf_pages(pdf)
    assert len(pages) >= 4
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(pages)
    for page in pages[:-1]:  # the header row repeats on every page of the table
        assert "INDIKATORKINERJAINDIVIDU" in squash(page)
    flat = squash("\n".join(pages))
    assert squash(long_rk) in flat
    for item in view.utama:
        assert squash(item.rencana_kinerja) in flat
    assert "DRAFT" in squash(pages[-1])
    docx_flat = squash(docx_text(render_docx(view)))
    assert all(squash(item.rencana_kinerja) in docx_flat for item in view.utama)


def test_document_filename_is_ascii_and_has_no_name() -> None:
    view = sample_view("JF")
    assert document_filename(view, "pdf") == "SKP_2026_199106112012062001.pdf"
    assert document_filename(view, ".DOCX") == "SKP_2026_199106112012062001.docx"
    odd = dataclasses.replace(view, pegawai=dataclasses.replace(view.pegawai, nip="-"), periode="2027")
    assert document_filename(odd, "pdf") == "SKP_2027.pdf"
    assert document_filename(view, "pdf").isascii()
