"""Signals that end a run (Ctrl-C, SIGTERM, SIGHUP) unwind like an exception, so that every temporary file of
children's data is removed on the way out; and the few steps that make such a file hold them off for an instant,
so that none can land between a file's making and the promise to remove it."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

ENDING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, unwound like Ctrl-C (by default they would end the process at once, leaving temporary
    copies of a roster behind)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def on_signals() -> None:
    """SIGTERM and SIGHUP raise Interrupted; Ctrl-C already raises KeyboardInterrupt."""
    def interrupt(signum, frame):
        raise Interrupted(signum)

    for signum in ENDING:
        if signum != signal.SIGINT:
            signal.signal(signum, interrupt)


@contextmanager
def held() -> Iterator[None]:
    """Ending signals wait until the block is left, then arrive as they would have. Use it around making a
    temporary file and recording it where a `finally` will remove it; and around renaming a run's outputs into
    place, which are committed together or not at all. (Handlers swapped, not the signal mask: a signal sent to
    the process may be taken by any thread, DuckDB's included, and Python runs its handler regardless.)"""
    if threading.current_thread() is not threading.main_thread():  # handlers belong to the main thread
        yield
        return
    pending: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, frame: pending.append(signum)) for signum in ENDING}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if pending:
            _deliver(pending[0], previous[pending[0]])


def _deliver(signum: int, handler) -> None:
    if callable(handler):  # ours (Interrupted), or Python's for Ctrl-C (KeyboardInterrupt)
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), signum)
