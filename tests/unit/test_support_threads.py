"""The test run's thread joining copes with a thread that is only being started."""

from __future__ import annotations

import threading

from tests.support.threads import join_when_started


def test_a_thread_joined_before_it_is_started_is_waited_for():
    ran = threading.Event()
    worker = threading.Thread(target=ran.set, name="search-rebuild")
    failures: list[BaseException] = []

    def joiner() -> None:
        try:
            join_when_started(worker)
        except BaseException as exc:  # what plain join() raises here
            failures.append(exc)

    waiting = threading.Thread(target=joiner)
    waiting.start()  # it asks to join before the worker is started
    worker.start()
    waiting.join(timeout=60)
    assert not failures
    assert ran.is_set()
    assert not worker.is_alive()


def test_plain_join_refuses_a_thread_not_started():
    """Why the helper exists: join() on a thread not yet started raises."""
    worker = threading.Thread(target=lambda: None)
    try:
        worker.join()
    except RuntimeError as exc:
        assert "before it is started" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("join() accepted a thread not started")
