"""Waiting for the threads a test run leaves behind."""

from __future__ import annotations

import threading


def join_when_started(thread: threading.Thread, timeout: float = 120) -> None:
    """Wait for a thread to end, even one whose start() has not yet returned.

    threading.enumerate() lists a thread from the moment another thread calls
    start(), and join() refuses such a thread ("cannot join thread before it is
    started"): wait for it to have started first.
    """
    thread._started.wait(timeout=30)  # type: ignore[attr-defined]
    thread.join(timeout=timeout)
