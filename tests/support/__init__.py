"""The one way tests make what they need.

- `factories`: `Factory` (the `make` fixture) for every model, through the services;
  `PASSWORD`, `MODES`, `day`, `at` for bookings; `demand_body`, `offering_body`
  (valid records in the interchange shape).
- `pilots`: `pair_world(make)` and pilots walked to any state with their history.
- `auth`: `sign_in`, `signed_in`, `login`, `csrf_token`, `Auth` (the `auth` fixture),
  `Api` (the `api` fixture: bearer tokens).
- `html`: `Page`, a small HTML reader, and `page(client, path, lang)`.
- `database`: the run's temporary folder, the schema by the migrations, fresh
  databases, `test_app`.
- `live`: gunicorn for the browser and concurrency tests and the `bench/` scripts.

Nothing here is imported eagerly: `database` changes TMPDIR on import, which the
`bench/` scripts must not get by importing `live`."""
