"""The bot's HTTP client to the Bot API: PTB's `BaseRequest` on aiohttp.

PTB's default client is httpx. End to end (bench/bench_e2e.py) every update costs the bot one to
three Bot API calls, and measured against the fake Bot API over loopback httpx + httpcore + anyio
take about 1.8 ms of CPU per call where aiohttp (C HTTP parser, no anyio layer) takes about 0.35
ms - on a 2-core host that is most of the difference between a bot that keeps up on deadline day
and one that queues. `SKP_HTTP_CLIENT=httpx` switches back to PTB's own client (for example for a
SOCKS proxy, which aiohttp does not speak; HTTP(S)_PROXY/NO_PROXY are honoured by both).

This is PTB's documented extension point (`telegram.request.BaseRequest`): PTB still builds the
request (`RequestData`), parses the answer and raises its errors; this class only moves bytes.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL


class _Proxy(NamedTuple):
    url: URL | None  # None: straight to the host
    tunnel: dict[str, str] | None  # headers of the CONNECT request (https)
    request: dict[str, str] | None  # headers added to a plain-http request sent to the proxy


class AiohttpRequest(BaseRequest):
    """One aiohttp `ClientSession` with a pool of `pool_size` keep-alive connections.

    Timeouts mean what PTB's `HTTPXRequest` means by them: `connect` to open a connection, `read`
    between bytes of the answer (getUpdates adds its long-poll time to it), `write` to send the
    body (`media_write` for uploads), `pool` to wait for a free connection."""

    def __init__(
        self,
        pool_size: int = 256,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, _Proxy] = {}  # "scheme://host" -> how to reach it

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
                # Not `trust_env=True`: with it aiohttp reads ~/.netrc in a worker thread and scans
                # the proxy variables again on EVERY request: a thread hand-off and about 1 ms of
                # CPU per call (bench/bench_http_call.py: 1 460 against 424 us). The environment
                # is read once per Bot API host instead (`_proxy`), with the same rules.
                trust_env=False,
            )

    def _proxy(self, url: str) -> _Proxy:
        """HTTP(S)_PROXY / NO_PROXY for this URL's host, as httpx and `trust_env` honour them
        (credentials from the proxy URL or ~/.netrc), read once per scheme and host."""
        key = url[: url.find("/", url.find("//") + 2)]  # "https://api.telegram.org"
        found = self._proxies.get(key)
        if found is None:
            try:
                proxy, auth = get_env_proxy_for_url(URL(url))
            except LookupError:  # no proxy for this scheme, or the host is in NO_PROXY
                found = _Proxy(None, None, None)
            else:
                credentials = {"Proxy-Authorization": auth.encode()} if auth is not None else None
                # https goes through a CONNECT tunnel, whose request carries the credentials;
                # plain http is sent to the proxy as is, so the request itself carries them.
                tunnel = key.startswith("https:")
                found = _Proxy(proxy, credentials if tunnel else None, None if tunnel else credentials)
            self._proxies[key] = found
        return found

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data is not None else None
        fields = request_data.json_parameters if request_data is not None else None
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        if isinstance(write_timeout, DefaultValue):
            write = self._media_write_timeout if files else self._write_timeout
        else:
            write = write_timeout
        # aiohttp has no separate write timeout: the body goes out before the first byte of the
        # answer is read, so the write allowance is added to the wait for that first byte.
        first_byte = None if read is None or write is None else read + write
        # aiohttp's `connect` covers waiting for a pooled connection and opening a new one.
        waiting = None if pool is None or connect is None else pool + connect
        timeout = aiohttp.ClientTimeout(
            total=None, connect=waiting, sock_connect=connect, sock_read=first_byte if files else read
        )
        body: Any = _form(fields, files) if files else fields
        via = self._proxy(url)
        try:
            async with session.request(
                method, url, data=body, timeout=timeout, proxy=via.url, proxy_headers=via.tunnel, headers=via.request
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are asyncio.TimeoutError
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{exc.__class__.__name__}: {exc}") from exc


def _form(fields: dict[str, str] | None, files: dict[str, Any]) -> aiohttp.FormData:
    """multipart/form-data: the parameters as fields, every file as a named part. File names go
    as UTF-8 (only `"` and `\\` escaped), as httpx sends them and Telegram shows them: aiohttp's
    default would percent-encode them and "SKP Budi Santoso.pdf" would arrive as "SKP%20Budi…"."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in (fields or {}).items():
        form.add_field(name, value)
    for name, part in files.items():
        if isinstance(part, tuple):
            filename, content, *rest = part
            form.add_field(name, content, filename=filename, content_type=rest[0] if rest else None)
        else:
            form.add_field(name, part)
    return form
