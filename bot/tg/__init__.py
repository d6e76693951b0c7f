"""Telegram plumbing shared by the wiring and the conversations: dependencies in bot_data,
retried sends, per-person update order, the outbox worker, command menus."""
