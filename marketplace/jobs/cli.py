"""`flask --app wsgi jobs …`: run the job consumer, list or run jobs."""

from __future__ import annotations

import logging
import sys

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs (Huey).")


@jobs_cli.command("worker")
@click.option("--workers", type=int, default=2, help="Threads executing jobs.")
@click.option("--no-periodic", is_flag=True, help="Do not enqueue periodic jobs from this host.")
def worker_cmd(workers: int, no_periodic: bool) -> None:
    """Run the consumer: execute queued jobs and enqueue periodic ones."""
    from . import get_jobs

    jobs = get_jobs()
    if jobs.huey.immediate:
        click.echo("error: jobs run in immediate mode here (TESTING); nothing to consume", err=True)
        sys.exit(1)
    jobs.bind()
    logging.getLogger("huey").setLevel(logging.INFO)
    consumer = jobs.huey.create_consumer(
        workers=workers, worker_type="thread", periodic=not no_periodic, check_worker_health=True
    )
    click.echo(f"job consumer: {workers} worker(s), periodic {'off' if no_periodic else 'on'}")
    consumer.run()


@jobs_cli.command("list")
def list_cmd() -> None:
    """The declared jobs and their schedules."""
    from . import REGISTRY

    for name, spec in sorted(REGISTRY.items()):
        when = f"once per {spec.period} (cron {spec.cron or 'every minute'})" if spec.period else "on demand"
        click.echo(f"{name:24} {when}")


@jobs_cli.command("run")
@click.argument("name")
def run_cmd(name: str) -> None:
    """Run the job NAME now in this process (a periodic job claims its period)."""
    from . import REGISTRY, _execute

    spec = REGISTRY.get(name)
    if spec is None:
        click.echo(f"error: no job {name}", err=True)
        sys.exit(1)
    result = _execute(current_app._get_current_object(), spec, (), {})  # type: ignore[attr-defined]
    click.echo(f"{name}: {result if result is not None else 'skipped (already run for this period)'}")
