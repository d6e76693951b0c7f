"""Use cases: `(session, arguments) -> result`. Never imports `telegram` or `conversations`."""
