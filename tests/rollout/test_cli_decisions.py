"""`skp-bot approve` / `request-revision` for a penilai outside the roster: the same status change,
the employee told through the outbox by the running bot, documents with /dokumen; and a penilai
outside the roster with an account of their own (an ajudan's). SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.storage.models import ExternalPenilai, SkpEvent
from bot.tg.outbox_worker import drain
from tests.admin.conftest import ADMIN_ID, AdminHarness
from tests.flows.helpers import pdf_text, squash
from tests.rollout.conftest import KEPALA, SEKRETARIS, cli, draft_jpt_item, link, submit

SPACED = "19700312 199803 1 004"


async def _ready_kepala(h: AdminHarness, telegram_id: int = 801):  # type: ignore[no-untyped-def]
    kepala = await link(h, KEPALA, telegram_id, "Kepala")
    await draft_jpt_item(kepala, parent="1", rk="Meningkatnya derajat kesehatan masyarakat",
                         indicator="Angka kematian ibu per 100.000 kelahiran hidup", target="85 kasus")
    return kepala


async def test_cli_request_revision_then_approve(day_one: AdminHarness, capsys: pytest.CaptureFixture[str]) -> None:
    h, s = day_one, day_one.settings
    kepala = await _ready_kepala(h)
    assert await cli(s, "approve", SPACED) == 1  # still a draft
    assert "bukan Diajukan" in capsys.readouterr().err
    await submit(kepala)

    assert await cli(s, "approve") == 0  # no NIP: what waits
    out = capsys.readouterr().out
    assert KEPALA in out and "SUTRISNO" in out

    # Someone whose penilai is in the roster: only that penilai decides.
    sekretaris = await link(h, SEKRETARIS, 802, "Sekretaris")
    assert sekretaris is not None
    assert await cli(s, "approve", SEKRETARIS) == 1
    err = capsys.readouterr().err
    assert "ada di daftar pegawai" in err and "Traceback" not in err

    assert await cli(s, "request-revision", SPACED, "--note", "  ") == 1
    assert "tidak boleh kosong" in capsys.readouterr().err
    assert await cli(s, "request-revision", SPACED, "--note", "Lengkapi indikator kedua") == 0
    assert "revisi atas nama Bupati Kebumen" in capsys.readouterr().out
    await drain(h.app)  # the running bot's outbox worker sends it
    assert "Bupati Kebumen meminta revisi" in kepala.last.plain and "Lengkapi indikator kedua" in kepala.last.plain

    await submit(kepala)
    assert await cli(s, "approve", SPACED) == 1  # 6/2022: not without a lampiran
    err = capsys.readouterr().err
    assert "lampiran SKP" in err and "--lampiran-baku" in err and "Traceback" not in err
    assert await cli(s, "approve", SPACED, "--lampiran-baku") == 0
    out = capsys.readouterr().out
    assert "disetujui atas nama Bupati Kebumen" in out and "/dokumen" in out
    assert await cli(s, "approve", SPACED) == 1  # twice: nothing happens twice
    assert "Disetujui" in capsys.readouterr().err
    await drain(h.app)
    assert "disetujui" in kepala.last.plain and "/dokumen" in kepala.last.plain
    await kepala.send("/dokumen")
    final = squash(pdf_text(kepala.documents[-2].document or b""))
    assert "DRAFT" not in final and "LAMPIRAN" in final

    async with h.db.session() as session:
        events = (await session.exec(select(SkpEvent).order_by(SkpEvent.id))).all()  # type: ignore[arg-type]
    decided = [(e.action, e.on_behalf_of, e.actor_id, e.actor_telegram_id) for e in events if e.on_behalf_of]
    assert decided == [("request_revision", "Bupati Kebumen", None, None), ("approve", "Bupati Kebumen", None, None)]
    assert await cli(s, "audit", "--action", "approve-on-behalf") == 0
    out = capsys.readouterr().out
    assert "CLI (" in out and "SUTRISNO" in out and "atas nama Bupati Kebumen" in out
    await kepala.send("/riwayat")
    assert "disetujui oleh admin atas nama Bupati Kebumen" in kepala.last.plain


async def test_ajudan_account_gets_the_prompts_and_decides(
    day_one: AdminHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    h, s = day_one, day_one.settings
    admin = h.user(ADMIN_ID, "Admin")
    kepala = await _ready_kepala(h, 811)
    # Submitted before the regency registered an account for the Bupati: the admins get it.
    await submit(kepala)
    assert "atas nama Bupati Kebumen" in admin.last.plain

    # A record nobody in the roster points at is accepted, with a warning saying what would point at it.
    assert await cli(s, "penilai-luar", "add", "Gubernur Jawa Tengah", "--jabatan", "Gubernur") == 0
    assert "tidak ada baris daftar pegawai yang menunjuk Gubernur Jawa Tengah" in capsys.readouterr().out
    assert await cli(s, "penilai-luar", "add", "Bupati Kebumen", "--jabatan", "Bupati") == 0
    out = capsys.readouterr().out
    assert "Menilai 1 pegawai aktif: dr. H. SUTRISNO WIBOWO" in out
    code = out.split("Kode aktivasi")[1].split(":", 1)[1].split()[0]

    ajudan = h.user(812, "Ajudan")
    await ajudan.send("/start")
    await ajudan.send("ABCD EFGH")  # a wrong code counts like a wrong employee code
    assert "Kode aktivasi salah" in ajudan.last.plain
    await ajudan.send(code.lower())
    assert any("akun pejabat penilai Bupati Kebumen" in (m.plain or "") for m in ajudan.messages)
    prompt = ajudan.last  # the submission that waited is delivered at once
    assert prompt.buttons == ["✅ Setujui", "✍️ Minta revisi", "🧭 Ekspektasi, lampiran, tanggal"]
    assert "Untuk Bupati Kebumen" in prompt.plain and "SUTRISNO" in prompt.plain

    # 6/2022: the Bupati's account writes the lampiran (one tap for the defaults), then approves.
    await ajudan.press("Ekspektasi, lampiran, tanggal", message=prompt)
    await ajudan.press("Lampiran")
    await ajudan.press("Pakai isian baku ini")
    assert "SKP ini sekarang dapat disetujui" in ajudan.last.plain
    await ajudan.press("Setujui", message=prompt)
    assert "oleh Bupati Kebumen" in next(t for t in reversed(kepala.texts()) if "disetujui" in t)
    assert not admin.last.buttons and "Disetujui" in admin.last.plain  # the admins' copy is closed
    await kepala.send("/riwayat")
    assert "disetujui oleh Bupati Kebumen (akun penilai)" in kepala.last.plain

    # The ajudan decides only for the people whose penilai is the Bupati.
    sekretaris = await link(h, SEKRETARIS, 813, "Sekretaris")
    from tests.flows.helpers import draft_item

    await draft_item(sekretaris, parent="1", rk="Dokumen perencanaan program kesehatan tersusun tepat waktu")
    await submit(sekretaris)
    prompt2 = kepala.last
    await ajudan.press_data(prompt2.callback_data[0] or "", prompt2.message_id)
    assert "Hanya pejabat penilai" in ajudan.callback_answers()[-1]["text"]

    assert await cli(s, "penilai-luar", "list") == 0
    assert "akun terhubung" in capsys.readouterr().out
    assert await cli(s, "penilai-luar", "unlink", "bupati kebumen") == 0
    capsys.readouterr()
    assert await cli(s, "penilai-luar", "code", "Wali Kota") == 1
    assert "tidak ada" in capsys.readouterr().err
    async with h.db.session() as session:
        bupati = (await session.exec(select(ExternalPenilai).where(ExternalPenilai.nama == "Bupati Kebumen"))).one()
    assert bupati.telegram_id is None  # unlinked: the prompts go to the admins again
