"""Test doubles shipped with the package: a fake Telegram Bot API (in-process and over HTTP),
used by the tests, the benchmarks and the offline console. Never imported by the bot itself."""
