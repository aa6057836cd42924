"""The command-line contract of spec/interchange.md, plus `seed` for demo data."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .config import ROOT
from .db import get_session

db_cli = AppGroup("db", help="Database schema (Alembic).")


def alembic_config():
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", current_app.config["DATABASE_URL"].replace("%", "%%"))
    return cfg


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Bring the schema to REVISION (default: the newest)."""
    from alembic import command

    _ensure_sqlite_folder()
    command.upgrade(alembic_config(), revision)


@db_cli.command("downgrade")
@click.argument("revision", default="-1")
def db_downgrade(revision: str) -> None:
    """Go back to REVISION (default: one step; `base` for an empty schema)."""
    from alembic import command

    command.downgrade(alembic_config(), revision)


@db_cli.command("check")
def db_check() -> None:
    """Fail when the models and the migrations differ."""
    from alembic import command

    command.check(alembic_config())


def _ensure_sqlite_folder() -> None:
    url = current_app.config["DATABASE_URL"]
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


@click.command("import-data")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_data_cmd(path: str) -> None:
    """Load a file of the interchange format (upsert by ref, all or nothing)."""
    from sqlalchemy.exc import SQLAlchemyError

    from .interchange.importer import import_data, read_document
    from .publish import commit_and_publish

    try:
        data = read_document(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as err:  # JSONDecodeError is a ValueError
        click.echo(f"error: {path} is not a JSON file of the interchange format: {err}", err=True)
        sys.exit(1)
    session = get_session()
    try:
        result = import_data(session, data)
    except SQLAlchemyError as err:  # a value the checks let through and the database refused
        session.rollback()
        reason = str(getattr(err, "orig", err)).splitlines()[0][:300]
        click.echo(f"error: the database refused the data ({reason}); nothing imported", err=True)
        sys.exit(1)
    if not result.ok:
        session.rollback()
        for problem in result.problems:
            click.echo(f"error: {problem.describe()}", err=True)
        click.echo(f"nothing imported: {len(result.problems)} problem(s)", err=True)
        sys.exit(1)
    search = current_app.extensions.get("search")
    if search is not None:
        # The index is brought up to date in this process after the commit (the
        # change feed, a few thousand documents per writer commit). A missing index
        # is rebuilt here too, with as many processes as `reindex` uses: a
        # background thread would die with the command.
        search.background_rebuild = False
        search.procs = max(search.procs, min(4, os.cpu_count() or 1))
    commit_and_publish(session)
    click.echo(result.summary())


@click.command("export-data")
@click.argument("path", type=click.Path(dir_okay=False))
def export_data_cmd(path: str) -> None:
    """Write everything to a file of the interchange format."""
    from .interchange.exporter import export_data

    data = export_data(get_session())
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(
        f"exported organizations: {len(data['organizations'])}, demands: {len(data['demands'])}, "
        f"offerings: {len(data['offerings'])} to {path}"
    )


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(["member", "official", "admin"]), required=True)
@click.option("--org", "org_ref", help="Organization ref (for members).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--name", default="")
def create_user_cmd(email: str, role: str, org_ref: str | None, password_stdin: bool, name: str) -> None:
    """Create an account."""
    from .accounts import services
    from .errors import DomainError

    session = get_session()
    org = None
    if role == "member":
        if not org_ref:
            raise click.UsageError("--org is required for members")
        try:
            org = services.org_by_ref(session, org_ref)
        except DomainError:
            raise click.UsageError(f"no organization with ref {org_ref}") from None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(session, email, password, role, org, name)
    except DomainError as err:
        click.echo(f"error: {err.fields or err.message}", err=True)
        sys.exit(1)
    session.commit()
    click.echo(f"created {role} {user.email}" + (f" of {org.ref}" if org else ""))


@click.command("issue-token")
@click.argument("email")
@click.option("--label", default="cli")
def issue_token_cmd(email: str, label: str) -> None:
    """Print a new API token for the account (shown once; stored hashed)."""
    from .accounts import services

    session = get_session()
    user = services.find_user(session, email)
    if user is None:
        click.echo(f"error: no account {email}", err=True)
        sys.exit(1)
    raw = services.issue_token(session, user, label)
    session.commit()
    click.echo(raw)


@click.command("seed")
@click.option("--path", default=str(ROOT / "seeds"), help="Folder with demo.json and accounts.json.")
def seed_cmd(path: str) -> None:
    """Load the demo data and demo accounts (running it again changes nothing)."""
    from .seeding import load_seeds

    for line in load_seeds(get_session(), Path(path)):
        click.echo(line)


def register(app: Flask) -> None:
    app.cli.add_command(db_cli)
    for cmd in (import_data_cmd, export_data_cmd, create_user_cmd, issue_token_cmd, seed_cmd):
        app.cli.add_command(cmd)
