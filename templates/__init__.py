"""Every message (messages/*.html.j2, Telegram HTML) and document (documents/) the bot renders.

A package only so that the templates ship as package data; loaded by `bot.templating`."""
