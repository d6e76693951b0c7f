"""Optional language-model coaching through the real Application, against a fake OpenAI-compatible
endpoint (a tiny HTTP server in this process): candidates are shown only when they pass the rules'
checks; a slow or failing endpoint leaves the rules to answer within 2 s; no name or NIP is sent."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bot.services import coach
from bot.services.demo import KABID_NIP, SEKAR_NIP
from bot.settings import Settings
from skp_domain.result_language import classify
from tests.conftest import linked_user
from tests.flows.helpers import open_new_item
from tests.flows.test_coaching import SLOPPY, _items, numbered

GOOD = "Jadwal Musrenbang disepakati bersama BAPPEDA Provinsi sebelum batas waktu penyusunan RKPD"
REFUSED = (
    "Terlaksananya koordinasi dengan BAPPEDA Provinsi secara optimal",  # filler
    "Melakukan koordinasi jadwal Musrenbang dengan BAPPEDA Provinsi",  # still an activity
    "Laporan keuangan daerah tersusun tepat waktu",  # not what the person typed
    "Lihat https://contoh.go.id/jadwal Musrenbang tersusun tepat waktu",  # a link
)
GOOD_INDICATOR = "Jumlah jadwal Musrenbang yang disepakati bersama BAPPEDA Provinsi"
FILLER_INDICATOR = "Jumlah koordinasi yang terlaksana secara optimal"


@dataclass
class FakeModel:
    """What the endpoint does (``mode``) and every request body it received."""

    url: str = ""
    mode: str = "ok"  # ok | slow | error | garbage
    bodies: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def answer(self, body: dict[str, Any]) -> tuple[int, bytes]:
        self.bodies.append(body)
        if self.mode == "slow":
            self.release.wait(5)
        if self.mode == "error":
            return 500, b'{"error": "model overloaded"}'
        if self.mode == "garbage":
            content = "Maaf, saya tidak bisa membantu."
        elif body["messages"][0]["content"] == coach.INDICATOR_PROMPT:
            content = json.dumps({"kuantitas": [FILLER_INDICATOR, GOOD_INDICATOR], "kualitas": [], "waktu": []})
        else:
            content = "```json\n" + json.dumps([*REFUSED[:2], GOOD, *REFUSED[2:]]) + "\n```"
        reply = {"choices": [{"message": {"role": "assistant", "content": content}}]}
        return 200, json.dumps(reply).encode()


@pytest.fixture
def model() -> Iterator[FakeModel]:
    fake = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            assert self.path == "/v1/chat/completions"
            status, payload = fake.answer(body)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the bot gave up waiting (slow mode): nobody is listening
                pass

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def settings(database_url: str, model: FakeModel) -> Settings:
    """As in conftest, with the language model configured (overrides conftest's `settings`)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=None,
        database_url=database_url,
        skp_admin_ids=[424242],
        skp_llm_base_url=model.url,
    )


RULES = classify(SLOPPY).suggestions


async def _at_rencana_kinerja(harness: Any, telegram_id: int) -> Any:
    sekar = await linked_user(harness, SEKAR_NIP, telegram_id, "Sekar")
    await open_new_item(sekar)
    await sekar.press("2")
    return sekar


async def test_model_candidates_are_shown_only_when_they_pass_the_checks(harness, demo, model):
    sekar = await _at_rencana_kinerja(harness, 5401)
    await sekar.send(SLOPPY)
    suggestions = numbered(sekar.last.plain)
    # The rules' best first, then the model's one candidate that passed; never the refused ones.
    assert suggestions[0] == RULES[0]
    assert suggestions[1] == GOOD
    assert len(suggestions) == 3 and suggestions[2] == RULES[1]
    for refused in REFUSED:
        assert refused not in sekar.last.plain
    assert "secara optimal" not in sekar.last.plain
    assert sekar.buttons()[:3] == ["✅ Pakai saran", "Saran 2", "Saran 3"]
    assert len(model.bodies) == 2  # result candidates and indicators, asked at once

    await sekar.press("Saran 2")
    assert (await _items(harness))[-1].rencana_kinerja == GOOD
    indicators = numbered(sekar.last.plain)
    assert "Langkah 4 dari 8 — Indikator kuantitas" in sekar.last.plain
    assert indicators[0] == GOOD_INDICATOR  # the model's, checked, before the rules' own
    assert FILLER_INDICATOR not in sekar.last.plain
    assert len(indicators) >= 2


async def test_no_name_or_nip_is_sent(harness, demo, model):
    sekar = await _at_rencana_kinerja(harness, 5402)
    await sekar.send(f"{SLOPPY} utk NIP 19910611 201206 2 001 dan {KABID_NIP}")
    await sekar.press("Pakai saran")
    assert len(model.bodies) >= 3
    sent = json.dumps(model.bodies, ensure_ascii=False)
    for secret in (SEKAR_NIP, KABID_NIP, "19910611 201206 2 001", "SEKAR", "Sekar", "SATITI", "BAWONO", "5402"):
        assert secret not in sent, secret
    assert "Musrenbang" in sent.lower() or "musrenbang" in sent  # the phrase itself does go


@pytest.mark.parametrize("mode", ["slow", "error", "garbage"])
async def test_a_slow_or_failing_model_leaves_the_rules_to_answer_within_2_s(harness, demo, model, mode):
    sekar = await _at_rencana_kinerja(harness, 5403)
    model.mode = mode
    started = time.monotonic()
    await sekar.send(SLOPPY)
    waited = time.monotonic() - started
    assert model.bodies, "the model was asked"
    assert waited < 2.5, f"{waited:.2f} s"  # the model gets 2 s at most, the rules are instant
    if mode == "slow":  # it did wait for the model, then gave up at the limit
        assert waited >= 1.9, f"{waited:.2f} s"
    else:
        assert waited < 1.5, f"{waited:.2f} s"
    assert numbered(sekar.last.plain) == list(RULES)
    await sekar.press("Pakai saran")
    assert (await _items(harness))[-1].rencana_kinerja == RULES[0]
    assert "Langkah 4 dari 8 — Indikator kuantitas" in sekar.last.plain
