"""Read by gunicorn from the working directory when no `-c` is given
(`gunicorn -w 3 wsgi:app`): the master imports the application, and so loads jieba,
the templates and the search index once, before forking the workers that share
them. `make run` uses deploy/gunicorn.conf.py, which preloads the same way."""

preload_app = True
