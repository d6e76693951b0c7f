"""CPU per Bot API call of the HTTP clients, against a local server (diagnosis, not the result).

    python bench/bench_http_call.py [--calls 3000] [--parallel 10]

Sends `sendMessage`-sized form posts to an aiohttp server in the same process and prints the
process CPU per call for: aiohttp as `bot/tg/http_client.AiohttpRequest` configures it
(`trust_env=False`, the proxy environment read once per host), aiohttp with `trust_env=True`
(reads ~/.netrc in a worker thread and the proxy variables on every request: what the bot did
before), and httpx (PTB's default client). The server's CPU is in every figure; compare the
differences. The end-to-end effect is measured by bench/bench_e2e.py.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable

import aiohttp
import httpx
from aiohttp import web

FORM = {"chat_id": "100042", "text": "Rencana kinerja tersimpan. Pilih indikator berikutnya.", "parse_mode": "HTML"}


async def measure(label: str, call: Callable[[], Awaitable[None]], calls: int, parallel: int) -> None:
    for _ in range(100):  # warm up: connections open, caches filled
        await call()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls // parallel):
        await asyncio.gather(*(call() for _ in range(parallel)))
    done = calls // parallel * parallel
    cpu_us = 1e6 * (time.process_time() - cpu) / done
    wall_us = 1e6 * (time.perf_counter() - wall) / done
    print(f"  {label:44s} {cpu_us:6.0f} us CPU/call  {wall_us:6.0f} us wall/call")


async def main(calls: int, parallel: int) -> None:
    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot1:X/sendMessage", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}/bot1:X/sendMessage"
    print(f"bench_http_call: {calls} calls, {parallel} at a time, server in this process")
    try:
        for trust_env in (False, True):
            async with aiohttp.ClientSession(trust_env=trust_env) as session:

                async def via_aiohttp() -> None:
                    async with session.post(url, data=FORM) as response:
                        await response.read()

                name = "aiohttp, trust_env=True (before)" if trust_env else "aiohttp as the bot uses it"
                await measure(name, via_aiohttp, calls, parallel)
        async with httpx.AsyncClient() as client:

            async def via_httpx() -> None:
                (await client.post(url, data=FORM)).read()

            await measure("httpx (PTB's default)", via_httpx, calls, parallel)
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--parallel", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.parallel))
