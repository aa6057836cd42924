"""Entry point: `gunicorn wsgi:app`, `flask --app wsgi COMMAND`."""

from marketplace import create_app

app = create_app()
