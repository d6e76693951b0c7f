"""Pencapaian (hasil kerja) vs aktivitas vs kategori pekerjaan.

Source: the seed's table "Perbedaan Pencapaian (Hasil Kerja), Aktivitas, dan Kategori Pekerjaan":
a rencana kinerja must be written as an achievement (what will be true), not as an activity (what
the employee does) nor as a category (a bare name of a kind of work).

The classifier is rule based and uses Indonesian morphology (PySastrawi for stems):

1. **Result forms at the start** -> PENCAPAIAN: a ``-nya`` nominalisation (``Terlaksananya``,
   ``Tersusunnya``, ``Meningkatnya``, ``Berkembangnya``, ``Terbitnya``), a ``ter-`` state word
   (``Terlaksana …``), a leading passive (``Diterbitkan …``), a negated loss (``Tidak ada … yang
   hilang``), a measure (``Persentase …``, ``Indeks …``) or a ``ke-…-an`` state noun (``Kepuasan …``,
   ``Ketepatan …``).
2. **A leading active verb** (``meN-``, ``memper-``, ``ber-``: ``Menyusun``, ``Memberikan``,
   ``Berkoordinasi``) -> AKTIVITAS, even when a quality word follows ("Menyusun laporan tepat waktu"
   still describes the doing).
3. **A result predicate later in the phrase** -> PENCAPAIAN: a passive verb (``… diproses dengan
   cepat``, ``… disampaikan tepat waktu``), a ``ter-`` state word (``… terlaksana sesuai peraturan``),
   a quality/state word (``valid``, ``akurat``, ``tepat waktu``, ``sesuai``, ``optimal``,
   ``meningkat``…), or an actor clause (``Pemerintah Daerah menggunakan aplikasi …``). This is why
   "Verifikasi berkas … disampaikan tepat waktu" is a pencapaian although it starts with an
   activity noun.
4. **A product noun at the start** (``Ide``, ``Dokumen``, ``Laporan``, ``Rekomendasi``, ``Hasil``…)
   -> PENCAPAIAN: it names the thing delivered.
5. **A process noun at the start** (``pe(N)-…-an``, ``-asi``/``-isasi``, ``-ing``, ``layanan``,
   ``bimbingan``, ``rapat``…):
   * a service/field head (``Layanan …``, ``Pelayanan …``, ``Urusan …``, ``Program …``) -> KATEGORI;
   * only process nouns, possibly coordinated (``Sosialisasi``, ``Monitoring dan supervisi``,
     ``Rapat koordinasi``), or followed only by generic field words (``Pengelolaan keuangan
     daerah``) -> KATEGORI: a kind of work with no concrete object;
   * otherwise it names a concrete act on an object or recipient (``Pendampingan terhadap OPD …``,
     ``Fasilitasi penyelenggaraan bangunan gedung``) -> AKTIVITAS.
6. Anything else (a bare noun phrase with no result) -> KATEGORI.

Rewrites (``Classification.suggestions``, best first; ``suggestion`` is the first) come from
:func:`skp_domain.rewrite.suggest_results`: what the work produces first, then a passive or state
verb, then the expectation that fits the product ("Menyusun materi sosialisasi aplikasi SIMPEG" ->
"Materi sosialisasi aplikasi SIMPEG tersusun tepat waktu"); never filler such as "secara optimal".
Every rewrite itself classifies as PENCAPAIAN. See that module for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from skp_domain.errors import TextError
from skp_domain.judgement import (
    _TAMBAHAN_REASON,
    Kind,
    _attendance,
    _bare,
    _clean_phrase,
    _tokens_of,
    find_filler,
    is_active_verb,
    is_passive_verb,
    is_process_noun,
    is_root,
    is_ter_state,
    judge,
    nominal_of_result_word,
    result_object,
    stem,
)
from skp_domain.rewrite import suggest_results
from skp_domain.text import normalize_space
from skp_domain.tidy import refuse_formula_or_link, tidy


@dataclass(frozen=True)
class Classification:
    """The verdict on one rencana kinerja.

    ``suggestion`` is the first of ``suggestions`` (kept for callers that show one). ``cleaned`` is
    the phrase after :func:`skp_domain.tidy.tidy`, the form to save and show. ``tambahan_hint``
    says the phrase is about attending a meeting or acting as narasumber (Kinerja Tambahan with a
    surat tugas); ``hint`` is an Indonesian note to show with it. ``filler`` lists words that state
    no measurable expectation ("secara optimal", "dengan baik"). ``refusal`` is the Indonesian reason
    when the text is a spreadsheet formula or contains a link (see
    :func:`skp_domain.tidy.check_plain_text`): such a text is never a PENCAPAIAN.
    """

    phrase: str
    kind: Kind
    reason: str
    suggestion: str | None
    suggestions: tuple[str, ...] = ()
    cleaned: str = ""
    tambahan_hint: bool = False
    hint: str | None = None
    filler: tuple[str, ...] = ()
    refusal: str | None = None  # set when the text is a spreadsheet formula or holds a link

    @property
    def is_result(self) -> bool:
        return self.kind is Kind.PENCAPAIAN


_LINKISH = re.compile(
    r"\S*(?:://|www\.|\.(?:com|net|org|id|ly|me|io)\b)\S*|^[=+@]\S*|^-\w+\(\S*|=\s*HYPERLINK\S*", re.I
)


def _clean_for_analysis(phrase: str) -> tuple[str, str, str | None]:
    """(phrase as shown, tidied phrase, refusal): a formula or a link is cut out of the analysed
    text and reported in ``refusal``."""
    shown, text = _clean_phrase(phrase)
    refusal: str | None = None
    try:
        refuse_formula_or_link(text, "Rencana kinerja")
    except TextError as exc:
        refusal = exc.message
        text = normalize_space(_LINKISH.sub(" ", text)).strip(" ()[]\"'") or "-"
    cleaned = tidy(text)
    if refusal is None and (not cleaned or not any(c.isalnum() for c in cleaned)):
        _tokens_of(text)  # raises the "only punctuation" error
    return shown, cleaned or text, refusal


def classify(phrase: str, parent: str | None = None) -> Classification:
    """Classify a rencana kinerja as PENCAPAIAN, AKTIVITAS or KATEGORI, with a reason and (for
    the last two) two or three rewrites in result language, best first.

    ``parent`` is the superior's rencana kinerja (optional): its expectation and object guide the
    rewrites. Raises :class:`TextError` for empty text. A spreadsheet formula or a link is never a
    PENCAPAIAN: the reason says so (``refusal``) and the rewrites use the text without it.
    """
    shown, cleaned, refusal = _clean_for_analysis(phrase)
    try:
        kind, reason = judge(cleaned)
    except TextError:
        if refusal is None:
            raise
        kind, reason = Kind.KATEGORI, refusal
    suggestions: tuple[str, ...] = ()
    if refusal is not None:
        if kind is Kind.PENCAPAIAN:
            # Already a result once the link is gone: offer exactly that.
            kind, suggestions = Kind.KATEGORI, (cleaned,)
        reason = refusal
    words = [_bare(t) for t in cleaned.split(" ") if _bare(t)]
    hint = _attendance(words) if words else None
    if kind is not Kind.PENCAPAIAN and not suggestions and cleaned != "-":
        suggestions = tuple(suggest_results(cleaned, parent))
    return Classification(
        phrase=shown,
        kind=kind,
        reason=reason,
        suggestion=suggestions[0] if suggestions else None,
        suggestions=suggestions,
        cleaned=cleaned,
        tambahan_hint=hint == _TAMBAHAN_REASON,
        hint=hint,
        filler=find_filler(cleaned),
        refusal=refusal,
    )


def is_result_language(phrase: str) -> bool:
    return classify(phrase).kind is Kind.PENCAPAIAN


def not_yet_results(phrases: Sequence[str]) -> list[int]:
    """Indexes of the rencana kinerja that are not (yet) in result language: for the reminder at
    Ajukan ("2 rencana kinerja masih berbahasa aktivitas") and the flags in the penilai's prompt.
    Empty phrases are skipped."""
    out: list[int] = []
    for i, phrase in enumerate(phrases):
        if not normalize_space(phrase or ""):
            continue
        try:
            if classify(phrase).kind is not Kind.PENCAPAIAN:
                out.append(i)
        except TextError:
            out.append(i)
    return out


def activity_reminder(count: int) -> str | None:
    """``"2 rencana kinerja masih berbahasa aktivitas."``; None when there is none."""
    if count <= 0:
        return None
    return f"{count} rencana kinerja masih berbahasa aktivitas."




__all__ = [
    "Classification",
    "Kind",
    "activity_reminder",
    "classify",
    "find_filler",
    "is_active_verb",
    "is_passive_verb",
    "is_process_noun",
    "is_result_language",
    "is_root",
    "is_ter_state",
    "judge",
    "nominal_of_result_word",
    "not_yet_results",
    "result_object",
    "stem",
]
