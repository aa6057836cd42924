"""Entry point: `gunicorn wsgi:app`, `flask --app wsgi COMMAND`.

Under gunicorn (which preloads the application: see gunicorn.conf.py) the master
loads jieba, the templates and the search index before forking its workers, so no
worker pays for them on its first request. Tests and `flask` commands skip it."""

import os

from marketplace import create_app
from marketplace.warmup import under_gunicorn, warm

app = create_app()

if under_gunicorn():
    took = warm(app)
    app.logger.info("warmed up in process %d before forking: %s", os.getpid(), took)
