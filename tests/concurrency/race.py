"""Send the same booking request from N processes at the same instant.

    python -m tests.concurrency.race DATABASE_URL REQUEST.json

REQUEST.json holds {"tokens": [...], "body": {...}}: one process per token, each
with its own database connection, all released together by a barrier, each posting
`body` to /api/v1/bookings through the whole application. Prints a JSON list of
{"status": ..., "body": ...}, one per process."""

from __future__ import annotations

import json
import multiprocessing
import sys


def _worker(app, barrier, results, token: str, body: dict) -> None:
    # Connections are never shared across processes: start with an empty pool.
    app.extensions["db_engine"].dispose(close=False)
    client = app.test_client()
    try:
        barrier.wait(timeout=120)
        response = client.post("/api/v1/bookings", json=body, headers={"Authorization": f"Bearer {token}"})
        results.put({"status": response.status_code, "body": response.get_data(as_text=True)})
    except Exception as err:  # reported, never lost: the test fails on it
        results.put({"status": -1, "body": repr(err)})


def run(url: str, tokens: list[str], body: dict) -> list[dict]:
    from marketplace import create_app

    app = create_app(
        {"DATABASE_URL": url, "SEARCH_INDEX_IN_MEMORY": True, "SECRET_KEY": "race", "WTF_CSRF_ENABLED": False}
    )
    app.extensions["db_engine"].dispose()
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(tokens))
    results = ctx.Queue()
    processes = [ctx.Process(target=_worker, args=(app, barrier, results, token, body)) for token in tokens]
    for process in processes:
        process.start()
    collected = [results.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return collected


def main() -> int:
    url, request_file = sys.argv[1], sys.argv[2]
    with open(request_file, encoding="utf-8") as fh:
        request = json.load(fh)
    print(json.dumps(run(url, request["tokens"], request["body"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
