"""The labelled corpus (tests/domain/corpus): classifier accuracy and the properties of every rewrite.

Figures for the README are printed by ``test_figures`` (run ``pytest tests/domain/test_corpus.py -s``).
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from skp_domain import rewrite
from skp_domain.lexicon import ACRONYMS, CHAT_ABBREVIATIONS
from skp_domain.result_language import Kind, classify, find_filler
from skp_domain.rewrite import EXPECTATION_WORDS, suggest_results
from skp_domain.tidy import tidy

CORPUS = Path(__file__).parent / "corpus"
CLASS_FLOOR = 0.95  # reached: see test_figures
HOLDOUT_FLOOR = 0.90
RESULT_VS_NOT_FLOOR = 0.98


def _rows(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


CLASSES = _rows("classes.tsv")
HOLDOUT = _rows("holdout.tsv")
REWRITES = _rows("rewrites.tsv")


def test_corpus_sizes() -> None:
    assert len(CLASSES) >= 150
    assert len(REWRITES) >= 60
    assert len({r["phrase"] for r in CLASSES}) == len(CLASSES)
    counts = Counter(r["class"] for r in CLASSES)
    assert min(counts.values()) >= 30
    fields = {r["field"] for r in CLASSES} | {r["field"] for r in REWRITES}
    for field in ("kepegawaian", "keuangan", "perencanaan", "kesehatan", "pendidikan", "perizinan", "pertanian",
                  "PU", "desa", "TI", "arsip", "umum", "humas", "hukum"):  # fmt: skip
        assert field in fields
    assert sum(1 for r in CLASSES if r["source"].startswith("sloppy") or r["source"] == "issue") >= 60


def _accuracy(rows: list[dict[str, str]]) -> tuple[float, float, list[str]]:
    right = binary = 0
    wrong: list[str] = []
    for r in rows:
        kind = classify(r["phrase"]).kind
        right += kind.value == r["class"]
        binary += (kind is Kind.PENCAPAIAN) == (r["class"] == Kind.PENCAPAIAN.value)
        if kind.value != r["class"]:
            wrong.append(f"{r['phrase']!r}: {kind.value}, label {r['class']}")
    return right / len(rows), binary / len(rows), wrong


def test_classifier_accuracy_on_the_corpus() -> None:
    accuracy, binary, wrong = _accuracy(CLASSES)
    assert accuracy >= CLASS_FLOOR, wrong
    assert binary >= RESULT_VS_NOT_FLOOR, wrong


def test_classifier_accuracy_on_held_out_phrases() -> None:
    accuracy, binary, wrong = _accuracy(HOLDOUT)
    assert accuracy >= HOLDOUT_FLOOR, wrong
    assert binary >= RESULT_VS_NOT_FLOOR, wrong


@pytest.mark.parametrize("row", [r for r in CLASSES if r["class"] == "PENCAPAIAN"], ids=lambda r: r["phrase"][:40])
def test_results_are_saved_without_suggestions(row: dict[str, str]) -> None:
    result = classify(row["phrase"])
    assert result.kind is Kind.PENCAPAIAN, result.reason
    assert result.suggestions == ()


def test_tambahan_hints_follow_the_labels() -> None:
    for r in CLASSES:
        result = classify(r["phrase"])
        assert result.tambahan_hint is (r["tambahan"] == "T"), r["phrase"]
        if result.tambahan_hint:
            assert result.hint and "Kinerja Tambahan" in result.hint and "surat tugas" in result.hint


# ---------------------------------------------------------------------------
# Rewrites

_CHAT = frozenset(CHAT_ABBREVIATIONS)


def rewrite_problems(suggestion: str, keep: list[str], source: str = "") -> list[str]:
    """What a trainer would object to in ``suggestion`` (a rewrite of ``source``); empty when it can
    be signed as it stands."""
    out = [f"pemeriksa: {p}" for p in rewrite.problems(suggestion, tidy(source))]
    if classify(suggestion).kind is not Kind.PENCAPAIAN:
        out.append("bukan pencapaian")
    tokens = re.findall(r"[^\W_]+", suggestion)
    for token in tokens:
        low = token.lower()
        if low in ACRONYMS and token != ACRONYMS[low]:
            out.append(f"akronim {token}")
        if low in _CHAT:
            out.append(f"singkatan {token}")
    if find_filler(suggestion):
        out.append("kata pengisi")
    if not {t.lower() for t in tokens} & EXPECTATION_WORDS:
        out.append("tanpa ekspektasi")
    for noun in keep:
        if not re.search(rf"(?i)(?<![\w-]){re.escape(noun)}(?![\w-])", suggestion):
            out.append(f"hilang: {noun}")
    if tidy(suggestion) != suggestion:
        out.append("belum rapi")
    if not suggestion[:1].isupper():
        out.append("huruf awal")
    return out


def _rewrite_report() -> tuple[int, int, int, list[str]]:
    phrases_ok = suggestions_ok = total = 0
    failures: list[str] = []
    for r in REWRITES:
        keep = [k for k in r["keep"].split("|") if k]
        suggestions = suggest_results(r["phrase"])
        ok = 2 <= len(suggestions) <= 3 and len({s.lower() for s in suggestions}) == len(suggestions)
        if not ok:
            failures.append(f"{r['phrase']!r}: {len(suggestions)} saran")
        for s in suggestions:
            total += 1
            problems = rewrite_problems(s, keep, r["phrase"])
            suggestions_ok += not problems
            if problems:
                ok = False
                failures.append(f"{r['phrase']!r} -> {s!r}: {problems}")
        phrases_ok += ok
    return phrases_ok, suggestions_ok, total, failures


@pytest.mark.parametrize("row", REWRITES, ids=lambda r: r["phrase"][:40])
def test_every_rewrite_can_be_signed(row: dict[str, str]) -> None:
    keep = [k for k in row["keep"].split("|") if k]
    result = classify(row["phrase"])
    assert result.kind is not Kind.PENCAPAIAN
    assert 2 <= len(result.suggestions) <= 3
    assert len({s.lower() for s in result.suggestions}) == len(result.suggestions)
    assert result.suggestion == result.suggestions[0]
    for s in result.suggestions:
        assert rewrite_problems(s, keep, row["phrase"]) == [], s


def test_rewrites_of_every_non_result_in_the_corpus_are_results() -> None:
    """Beyond the rewrite corpus: every aktivitas/kategori phrase of both class files."""
    for r in CLASSES + HOLDOUT:
        result = classify(r["phrase"])
        if result.kind is Kind.PENCAPAIAN:
            continue
        assert len(result.suggestions) >= 2, r["phrase"]
        for s in result.suggestions:
            assert rewrite_problems(s, [], r["phrase"]) == [], (r["phrase"], s)


def test_speed() -> None:
    """classify + suggest stay on the hot path: under 5 ms per phrase after warm-up."""
    phrases = [r["phrase"] for r in CLASSES + REWRITES + HOLDOUT]
    for p in phrases:  # warm-up: the stemmer's dictionary and caches
        classify(p)
    rewrite._suggest_cached.cache_clear()
    start = time.perf_counter()
    for p in phrases:
        classify(p)
    per_phrase = (time.perf_counter() - start) / len(phrases)
    assert per_phrase < 0.005, f"{per_phrase * 1000:.2f} ms per phrase"


def test_figures(capsys: pytest.CaptureFixture[str]) -> None:
    accuracy, binary, _ = _accuracy(CLASSES)
    h_accuracy, h_binary, _ = _accuracy(HOLDOUT)
    phrases_ok, suggestions_ok, total, failures = _rewrite_report()
    assert not failures, failures
    with capsys.disabled():
        print(
            f"\ncorpus: {len(CLASSES)} labelled phrases ({dict(Counter(r['class'] for r in CLASSES))}), "
            f"class accuracy {accuracy:.1%}, result-vs-not {binary:.1%}; "
            f"held-out {len(HOLDOUT)}: {h_accuracy:.1%} / {h_binary:.1%}; "
            f"rewrites: {phrases_ok}/{len(REWRITES)} phrases with every property, "
            f"{suggestions_ok}/{total} suggestions pass"
        )
