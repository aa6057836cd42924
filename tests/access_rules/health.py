"""Access rows for the servers' health checks: public, read-only, no record shown.
/readyz may answer 503 in the walk (its test index is built on first search)."""

from tests.access import Rule

RULES = [
    Rule("health.healthz", "GET", "/healthz", 200, 200, 200, 200, 200),
    Rule("health.readyz", "GET", "/readyz", (200, 503), (200, 503), (200, 503), (200, 503), (200, 503)),
]
