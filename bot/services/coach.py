"""Coaching: the rules' verdict on a rencana kinerja, and (optional, off by default) candidates
from a language model the agency runs.

When `SKP_LLM_BASE_URL` is set (any OpenAI-compatible chat endpoint, e.g. a local server), the
bot asks it for candidate results and indicators. Every candidate must pass the same checks as the
rules' own suggestions before it is shown (it reads as a result, states no filler, is tidy, keeps
what the person typed); the whole exchange takes at most `SKP_LLM_TIMEOUT` seconds (2 s), and on any
failure — timeout, HTTP error, unreadable answer — the rules alone answer. Only the phrase and the
superior's result are sent: no name, no NIP (anything that looks like a NIP is removed first).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Sequence
from typing import Any

import httpx

from bot.services.bundle import Bundle
from bot.settings import Settings
from skp_domain.result_language import Classification, classify, find_filler, not_yet_results
from skp_domain.skp import REQUIRED_ASPEK, Aspek
from skp_domain.text import MAX_INDIKATOR, MAX_RK
from skp_domain.tidy import check_plain_text, tidy

log = logging.getLogger(__name__)

RESULTS_KEY = "llm_rk"  # wizard data: {"for": phrase, "items": [candidates that passed]}
INDICATORS_KEY = "llm_ind"  # wizard data: {"for": rencana kinerja, "items": {aspek: [indicators]}}
MAX_CANDIDATES = 3
_NIP_LIKE = re.compile(r"\d[\d\s.]{13,}\d")

RESULT_PROMPT = (
    "Anda pelatih penyusunan SKP ASN (PermenPANRB 6/2022). Ubah kegiatan berikut menjadi rencana hasil "
    "kerja: sebutkan produk/hasilnya lebih dulu, lalu kata kerja pasif atau keadaan, lalu ekspektasinya "
    "(lengkap, sesuai ketentuan, tepat waktu, valid, akurat, ditindaklanjuti...). Jangan memakai "
    "'secara optimal', 'dengan baik' atau 'maksimal'. Jawab HANYA dengan array JSON berisi 3 kalimat."
)
INDICATOR_PROMPT = (
    "Anda pelatih penyusunan SKP ASN. Untuk rencana hasil kerja berikut, usulkan indikator kinerja "
    "individu per aspek. Kuantitas: 'Jumlah <produk> yang <kata kerja>'; kualitas: 'Persentase <produk> "
    "yang <ekspektasi>' atau ukuran kepuasan/akurasi; waktu: ketepatan waktu. Jawab HANYA dengan objek "
    'JSON {"kuantitas": [..], "kualitas": [..], "waktu": [..]}, masing-masing paling banyak 2 kalimat.'
)


def verdict(phrase: str, parent: str | None) -> Classification:
    """The rules' verdict on a typed rencana kinerja (a formula or a link is refused first)."""
    check_plain_text(phrase, "Rencana kinerja")
    return classify(phrase, parent=parent)


def activity_items(bundle: Bundle) -> dict[int, str]:
    """{item id: code ("U2")} of the rencana kinerja that still read as an activity or a category:
    said again at Ajukan ("2 rencana kinerja masih berbahasa aktivitas") and flagged in the
    penilai's prompt. Submitting stays allowed."""
    rows = [(item, item.rencana_kinerja or "") for item in bundle.items]
    flagged = not_yet_results([text for _, text in rows])
    return {rows[i][0].id or 0: f"{rows[i][0].section[0]}{bundle.number_of(rows[i][0])}" for i in flagged}


def _scrub(text: str) -> str:
    return _NIP_LIKE.sub("", text or "").strip()


def _key_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", tidy(text).lower())}


def accept_result(candidate: object, phrase: str) -> str | None:
    """A model's rewrite, tidied, when it passes the rules' own checks; else None."""
    if not isinstance(candidate, str):
        return None
    text = tidy(candidate.strip().strip('"').strip())
    if not text or len(text) > MAX_RK:
        return None
    try:
        check_plain_text(text, "Rencana kinerja")
    except ValueError:
        return None
    judged = classify(text)
    if not judged.is_result or judged.filler or find_filler(text) or judged.tambahan_hint:
        return None
    typed = _key_words(phrase)
    if typed and not (typed & _key_words(text)):  # the content the person typed must survive
        return None
    return text


def accept_indicator(candidate: object) -> str | None:
    if not isinstance(candidate, str):
        return None
    text = tidy(candidate.strip().strip('"').strip())
    if not text or len(text) > MAX_INDIKATOR or find_filler(text):
        return None
    try:
        check_plain_text(text, "Indikator")
    except ValueError:
        return None
    return text


def accepted_results(data: dict[str, Any], phrase: str) -> list[str]:
    """Candidates fetched for exactly this phrase (the wizard keeps them with the phrase)."""
    stored = data.get(RESULTS_KEY) or {}
    if stored.get("for") != phrase:
        return []
    return [c for c in stored.get("items", []) if isinstance(c, str)][:MAX_CANDIDATES]


def accepted_indicators(stored: dict[str, Any], aspek: str, rencana_kinerja: str) -> list[str]:
    if not stored or stored.get("for") != rencana_kinerja:
        return []
    return [c for c in (stored.get("items") or {}).get(aspek, []) if isinstance(c, str)][:2]


def _parse_json(content: str) -> Any:
    content = content.strip()
    if content.startswith("```"):
        content = content.strip("`")
        content = content.split("\n", 1)[1] if "\n" in content else content
    start = min((i for i in (content.find("["), content.find("{")) if i >= 0), default=-1)
    if start < 0:
        raise ValueError("no JSON in the answer")
    return json.loads(content[start:])


async def _ask(settings: Settings, system: str, user: str, client: httpx.AsyncClient | None = None) -> Any:
    assert settings.skp_llm_base_url is not None
    headers = {"Content-Type": "application/json"}
    if settings.skp_llm_api_key is not None:
        headers["Authorization"] = f"Bearer {settings.skp_llm_api_key.get_secret_value()}"
    body = {
        "model": settings.skp_llm_model,
        "temperature": 0.2,
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
    }
    url = settings.skp_llm_base_url.rstrip("/") + "/chat/completions"
    owned = client is None
    client = client or httpx.AsyncClient(timeout=settings.skp_llm_timeout)
    try:
        response = await client.post(url, json=body, headers=headers)
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
        return _parse_json(str(content))
    finally:
        if owned:
            await client.aclose()


async def _results(settings: Settings, phrase: str, parent: str | None) -> list[str]:
    user = f"Kegiatan: {_scrub(phrase)}"
    if parent:
        user += f"\nRencana hasil kerja atasan yang didukung: {_scrub(parent)}"
    answer = await _ask(settings, RESULT_PROMPT, user)
    candidates = answer if isinstance(answer, list) else []
    accepted = [a for c in candidates if (a := accept_result(c, phrase))]
    return list(dict.fromkeys(accepted))[:MAX_CANDIDATES]


async def _indicators(settings: Settings, rencana_kinerja: str) -> dict[str, list[str]]:
    answer = await _ask(settings, INDICATOR_PROMPT, f"Rencana hasil kerja: {_scrub(rencana_kinerja)}")
    out: dict[str, list[str]] = {}
    if isinstance(answer, dict):
        for aspek in REQUIRED_ASPEK:
            values = answer.get(aspek.value)
            if isinstance(values, list):
                kept = [a for v in values if (a := accept_indicator(v))]
                if kept:
                    out[aspek.value] = list(dict.fromkeys(kept))[:2]
    return out


async def fetch(
    settings: Settings, *, phrase: str | None, parent: str | None, results_for: Sequence[str] = ()
) -> dict[str, Any]:
    """Ask the model (if configured) for result candidates for `phrase` and indicator candidates for
    the first of `results_for` (the text that will become the rencana kinerja). Never raises; at most
    `skp_llm_timeout` seconds. Returns wizard data to merge (empty when off or on any failure)."""
    if not settings.skp_llm_base_url:
        return {}
    jobs: dict[str, Any] = {}
    if phrase:
        jobs[RESULTS_KEY] = _results(settings, phrase, parent)
    target = next((t for t in results_for if t), None)
    if target:
        jobs[INDICATORS_KEY] = _indicators(settings, target)
    if not jobs:
        return {}
    try:
        async with asyncio.timeout(settings.skp_llm_timeout):
            answers = await asyncio.gather(*jobs.values(), return_exceptions=True)
    except TimeoutError:
        log.info("coach: the language model took longer than %.1fs; rules only", settings.skp_llm_timeout)
        return {}
    out: dict[str, Any] = {}
    for key, answer in zip(jobs, answers, strict=True):
        if isinstance(answer, BaseException):
            log.info("coach: language model failed (%s); rules only", type(answer).__name__)
            continue
        if key == RESULTS_KEY and answer:
            out[key] = {"for": phrase, "items": answer}
        elif key == INDICATORS_KEY and answer:
            out[key] = {"for": target, "items": answer}
    return out


__all__ = [
    "INDICATORS_KEY",
    "RESULTS_KEY",
    "Aspek",
    "accept_indicator",
    "accept_result",
    "accepted_indicators",
    "accepted_results",
    "activity_items",
    "fetch",
    "verdict",
]
