"""A session closed while its objects are cyclic garbage, with the garbage collector
run inside the close (see `marketplace.db._state_dicts_made_at_birth`): on Python
3.11 the collection frees a state's object in the middle of an attribute assignment
on that same state, whose weak-reference callback then frees the memory the
assignment goes on writing. It crashed the gunicorn master's warm-up. The scenario
runs in a fresh interpreter (CPython's per-class attribute layout depends on
everything the process did before) with the debug allocator, which turns the
write into freed memory into an immediate crash instead of a later one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.support.database import ROOT

SCENARIO = textwrap.dedent(
    """
    import gc
    import sys

    import marketplace.db  # noqa: F401  (the workaround under test)
    from sqlalchemy import create_engine, inspect, select
    from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
    from sqlalchemy.orm.state import InstanceState


    class Base(DeclarativeBase):
        pass


    class Thing(Base):
        __tablename__ = "thing"
        id: Mapped[int] = mapped_column(primary_key=True)


    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:  # rows without ORM states
        conn.execute(Thing.__table__.insert(), [{"id": i} for i in range(1, 300)])

    # The names a load sets take places in InstanceState's shared attribute keys
    # first; then the places run out (in 3.11 each new instance also uses one up), so
    # `_strong_obj`, first set by a close, is not among them: a close makes each
    # state's dict inside `state._strong_obj = None`.
    first = Session(engine)
    held = first.get(Thing, 1)
    spare = [Thing() for _ in range(40)]
    for i in range(3):
        setattr(inspect(spare[0]), f"spare_{i}", None)

    inside_close = []
    cleanup = InstanceState._cleanup


    def _cleanup(self, ref):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_name != "expunge_all":
            frame = frame.f_back
        inside_close.append(frame is not None)
        return cleanup(self, ref)


    InstanceState._cleanup = _cleanup

    for extra in range(1, 30):
        session = Session(engine)
        gc.collect()
        things = session.scalars(select(Thing).where(Thing.id > 1)).all()  # young objects
        for thing in things:
            thing.loop = thing  # a cycle: only the collector frees it
        del things, thing
        gc.set_threshold(gc.get_count()[0] + extra)  # a collection during the close
        session.close()
        gc.set_threshold(700)
    # Objects were freed by collections run while their session was closing (without
    # the workaround, some of them inside `state._strong_obj = None`).
    assert any(inside_close), inside_close
    print("survived")
    """
)


def test_closing_a_session_whose_objects_are_cyclic_garbage_survives_a_collection():
    env = dict(os.environ, PYTHONMALLOC="debug", PYTHONFAULTHANDLER="1", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"exit {done.returncode}:\n{done.stderr[-3000:]}"
    assert "survived" in done.stdout
