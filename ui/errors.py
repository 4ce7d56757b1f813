"""Exceptions as the user reads them: the one wording of the ui's error messages.

Each place keeps its own presentation (an `ibid: error:` line and an exit status, a Gradio error
or warning, a table cell, Markdown) and takes the words from here. A domain error
(index.errors) carries its own message, written for the user. Anything else is a bug: the
command line names it, since its user runs the program; a server names nothing to the browser
and logs the traceback instead.
"""

from __future__ import annotations

import logging

from index.errors import IbidError

log = logging.getLogger("ibid.ui")

DEBUG_HINT = "run again with IBID_DEBUG=1 to see where it happened, and please report it"


def internal_message(action: str, exc: BaseException | None = None) -> str:
    """The message for a bug met while doing `action` ('Answering'); with `exc`, named."""
    head = f"{action} failed with an internal error"
    if exc is None:
        return f"{head}; it is logged on the server."
    return f"{head} ({type(exc).__name__}: {exc}); {DEBUG_HINT}"


def cli_message(exc: Exception, action: str) -> str:
    """What `ibid` prints after `ibid: error:` when `exc` stopped `action`."""
    if isinstance(exc, IbidError):
        return str(exc)
    return internal_message(action, exc)


def web_message(exc: Exception, action: str, subject: object = None) -> str:
    """What the web UI shows when `exc` stopped `action` (plain text: the caller escapes it
    for HTML). A bug is logged here with its traceback and `subject` (the question, the file);
    the browser learns only that it happened."""
    if isinstance(exc, IbidError):
        return str(exc)
    about = "" if subject is None else f" ({subject!r})"
    log.error("%s failed%s", action, about, exc_info=exc)
    return internal_message(action)
