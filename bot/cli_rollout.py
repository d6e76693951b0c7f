"""Roll-out subcommands of `skp-bot`: decisions for a penilai outside the roster, their own
accounts, bulk documents and the audit log.

    skp-bot approve [NIP] [--period ID]                 (no NIP: list what waits)
    skp-bot request-revision NIP --note TEKS [--period ID]
    skp-bot penilai-luar add NAMA [--jabatan J] [--kode K] | code KUNCI | unlink KUNCI | list
    skp-bot documents (--unit UNIT | --opd OPD) --out DIR [--period ID]
    skp-bot audit [--action A] [--since TANGGAL] [--limit N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from bot.cli_admin import _run
from bot.settings import Settings

# --- approve / request-revision ----------------------------------------------------------------


def cmd_decide(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import audit, decisions
    from bot.templating import tanggal
    from skp_domain.format6 import LampiranError
    from skp_domain.skp import Action

    async def work(session: Any) -> int:
        if args.nip is None:
            rows = await decisions.waiting(session, args.period)
            if not rows:
                print("Tidak ada SKP yang menunggu keputusan penilai di luar daftar pegawai.")
                return 0
            print("SKP yang menunggu keputusan penilai di luar daftar pegawai (NIP, nama, jabatan, diajukan):")
            for skp, owner in rows:
                print(f"  {owner.nip}\t{owner.nama}\t{owner.jabatan}\t{tanggal(skp.submitted_at)}")
            print("Setujui: skp-bot approve NIP · minta revisi: skp-bot request-revision NIP --note \"...\"")
            return 0
        action = Action.APPROVE if args.decision == "approve" else Action.REQUEST_REVISION
        try:
            decision = await decisions.decide(
                session, args.nip, action, actor=audit.cli_actor(), outside_name=settings.skp_penilai_luar_nama,
                note=getattr(args, "note", None), period_id=args.period,
                default_lampiran=getattr(args, "lampiran_baku", False),
            )
        except LampiranError as exc:
            print(f"Gagal: {exc.message} Dari baris perintah: tambahkan --lampiran-baku untuk memakai isian "
                  "baku, atau isi lampirannya di Telegram (tombol di pesan persetujuan).", file=sys.stderr)
            return 1
        await session.commit()
        change = decision.change
        verb = "disetujui" if action is Action.APPROVE else "dikembalikan untuk revisi"
        print(f"SKP {change.owner.nama} ({decision.period.name}) {verb} atas nama {change.on_behalf_of}.")
        if decision.notified:
            print("Pemberitahuan untuk pegawai masuk antrean kirim; bot yang sedang berjalan mengirimnya "
                  "dalam beberapa detik." + (" Dokumen final diunduh pegawai dengan /dokumen."
                                             if action is Action.APPROVE else ""))
        else:
            print("Pegawai belum menghubungkan Telegram: beri tahu beliau langsung.")
        return 0

    return _run(settings, work)


# --- penilai-luar -------------------------------------------------------------------------------


def cmd_external(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import audit, outside
    from bot.templating import tanggal

    default = settings.skp_penilai_luar_nama

    async def work(session: Any) -> int:
        if args.action == "list":
            records = await outside.all_external(session)
            if not records:
                print(f"Belum ada penilai di luar daftar pegawai yang terdaftar; keputusan untuk {default} "
                      "dicatat admin (skp-bot approve).")
            for r in records:
                people = await outside.served_by(session, r, default)
                account = f"akun terhubung sejak {tanggal(r.linked_at)}" if r.telegram_id else "belum ada akun"
                code = "kode belum dipakai" if r.code_hash else "tanpa kode aktif"
                print(f"{r.id}\t{r.nama}\t{r.jabatan or '-'}\tkode roster: {r.kode or '-'}\t{account}\t{code}\t"
                      f"menilai {len(people)} pegawai")
            return 0
        if args.action == "add":
            record, created = await outside.add(session, args.nama, args.jabatan or "", args.kode)
        else:
            record = await outside.find(session, args.key)
        if args.action == "unlink":
            had = record.telegram_id is not None
            await outside.unlink(session, record)
            await audit.record(session, audit.cli_actor(), audit.UNLINK, f"akun penilai luar {record.nama}")
            await session.commit()
            print(f"Akun {record.nama} dilepas." if had else f"{record.nama} memang belum punya akun.")
            print(f"Pengajuan untuk {record.nama} kembali ke admin sampai akun baru ditautkan (skp-bot penilai-luar "
                  f"code \"{record.nama}\").")
            return 0
        code = await outside.issue_code(session, record)
        people = await outside.served_by(session, record, default)
        verb = "ditambahkan" if args.action == "add" and created else "diperbarui" if args.action == "add" else None
        await audit.record(session, audit.cli_actor(), audit.EXTERNAL_PENILAI,
                           f"{record.nama}: {verb or 'kode baru'} (menilai {len(people)} pegawai)")
        await session.commit()
        if verb:
            print(f"Penilai di luar daftar pegawai {verb}: {record.nama} ({record.jabatan or '-'}).")
        print(f"Menilai {len(people)} pegawai aktif: " + (", ".join(p.nama for p in people[:8]) or "-")
              + (" …" if len(people) > 8 else ""))
        if not people:
            print(f"Peringatan: tidak ada baris daftar pegawai yang menunjuk {record.nama}: nip_atasan kosong dan "
                  f"penilai_luar_nama \"{record.nama}\"" + (f" atau penilai_luar_id \"{record.kode}\"" if record.kode
                                                           else "") + f" (kosong berarti {default}).")
        print(f"Kode aktivasi (sekali pakai; kode lama tidak berlaku lagi): {code}")
        print("Ajudan membuka bot, mengirim /start, lalu mengetik kode ini di tempat NIP. "
              f"Sesudah itu pengajuan untuk {record.nama} dikirim ke akun tersebut, bukan ke admin.")
        return 0

    return _run(settings, work)


# --- documents ----------------------------------------------------------------------------------


def cmd_documents(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli_admin import _database
    from bot.services import bulk, periods
    from bot.storage import repo
    from skp_domain.errors import DomainError

    out = Path(args.out)
    problem = _folder_problem(out)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    db = _database(settings)

    async def go() -> int:
        try:
            async with db.session() as session:
                period = (await periods.get_period(session, args.period) if args.period
                          else await repo.active_period(session))
                if period is None:
                    print("Belum ada periode aktif; pakai --period ID.", file=sys.stderr)
                    return 1
                scope = await bulk.resolve_scope(session, unit=args.unit, opd=args.opd)
                rows = await bulk.approved_in(session, period.id or 0, scope)
            if not rows:
                print(f"Belum ada SKP yang disetujui di {scope.label} pada {period.name}.")
                return 0
            print(f"Menyiapkan {len(rows)} PDF ({scope.label}, {period.name}) …")
            files = await bulk.render_approved(db, settings, rows)  # the session is closed while rendering
        except DomainError as exc:
            print(f"Gagal: {exc.message}", file=sys.stderr)
            return 1
        finally:
            await db.dispose()
        for f in files:
            (out / f.filename).write_bytes(f.content)
        (out / "daftar.csv").write_bytes(bulk.index_csv(files))
        print(f"{len(files)} SKP disetujui disimpan sebagai PDF di {out}/ (siapa di berkas mana: daftar.csv).")
        return 0

    return asyncio.run(go())


def _folder_problem(out: Path) -> str | None:
    """Create the folder (with its parents); a sentence saying why not, if it cannot be."""
    if out.exists() and not out.is_dir():
        return f"{out} sudah ada dan bukan folder: sebutkan folder untuk --out."
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"Folder {out} tidak dapat dibuat: {exc.strerror or exc}."
    probe = out / ".skp-bot-tulis"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"Tidak dapat menulis ke folder {out}: {exc.strerror or exc}."
    return None


# --- audit --------------------------------------------------------------------------------------


def cmd_audit(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import audit, periods

    since = periods.parse_date(args.since, "--since") if args.since else None

    async def work(session: Any) -> int:
        rows = await audit.entries(session, action=args.action, since=since, limit=args.limit)
        if not rows:
            print("Log audit kosong" + (f" untuk {args.action}" if args.action else "") + ".")
            return 0
        for entry in rows:
            at = entry.at.astimezone(settings.tz).strftime("%d-%m-%Y %H:%M")
            print(f"{at}\t{entry.action}\t{entry.actor}\t{entry.detail}")
        return 0

    return _run(settings, work)


def add_rollout_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    approve = subparsers.add_parser(
        "approve", help="setujui SKP atas nama penilai di luar daftar pegawai (Bupati); tanpa NIP: daftar tunggu"
    )
    approve.add_argument("nip", nargs="?", help="NIP pegawai (boleh dengan spasi)")
    approve.add_argument("--period", type=int, help="ID periode (bawaan: periode aktif)")
    approve.add_argument(
        "--lampiran-baku", action="store_true",
        help="format 6/2022: bila lampiran belum diisi, pakai isian baku (dukungan sumber daya, skema "
        "pertanggungjawaban, konsekuensi) lalu setujui",
    )
    approve.set_defaults(func=cmd_decide, decision="approve")

    revise = subparsers.add_parser("request-revision", help="minta revisi atas nama penilai di luar daftar pegawai")
    revise.add_argument("nip")
    revise.add_argument("--note", required=True, help="catatan revisi untuk pegawai")
    revise.add_argument("--period", type=int)
    revise.set_defaults(func=cmd_decide, decision="revise")

    external = subparsers.add_parser("penilai-luar", help="penilai di luar daftar pegawai dengan akun sendiri (ajudan)")
    external_sub = external.add_subparsers(dest="action", required=True)
    add = external_sub.add_parser("add", help="daftarkan (atau perbarui) dan cetak kode aktivasinya")
    add.add_argument("nama", help="mis. \"Bupati Kebumen\" (sama dengan penilai_luar_nama di daftar pegawai)")
    add.add_argument("--jabatan", help="mis. Bupati")
    add.add_argument("--kode", help="penilai_luar_id di daftar pegawai, bila dipakai")
    for action, text in (("code", "kode aktivasi baru (akun baru/ajudan baru)"), ("unlink", "lepas akunnya")):
        sub = external_sub.add_parser(action, help=text)
        sub.add_argument("key", help="ID, kode atau nama")
    external_sub.add_parser("list", help="daftar penilai di luar daftar pegawai")
    external.set_defaults(func=cmd_external)

    docs = subparsers.add_parser("documents", help="PDF semua SKP yang disetujui di satu unit kerja / OPD")
    docs.add_argument("--unit", help="unit kerja")
    docs.add_argument("--opd", help="OPD (perangkat daerah)")
    docs.add_argument("--out", required=True, help="folder tujuan (dibuat bila belum ada)")
    docs.add_argument("--period", type=int, help="ID periode (bawaan: periode aktif)")
    docs.set_defaults(func=cmd_documents)

    log = subparsers.add_parser(
        "audit", help="log audit: impor, hak admin, pelepasan akun, keputusan atas nama, siaran"
    )
    log.add_argument("--action", help="mis. import-roster, admin-grant, unlink, approve-on-behalf, broadcast")
    log.add_argument("--since", help="sejak tanggal (DD-MM-YYYY)")
    log.add_argument("--limit", type=int, default=200)
    log.set_defaults(func=cmd_audit)
