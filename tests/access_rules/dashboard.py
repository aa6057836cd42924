"""Access rows for the officials' dashboard and /api/v1/stats."""

from tests.access import Rule

RULES = [
    Rule("dashboard.index", "GET", "/dashboard", 302, 403, 403, 200, 200),
    Rule("dashboard.gap_export", "GET", "/dashboard/gap.csv", 302, 403, 403, 200, 200),
    Rule("dashboard.gap_export", "GET", "/dashboard/gap.xlsx", 302, 403, 403, 200, 200),
    Rule("dashboard.gap_export", "GET", "/dashboard/gap.pdf", 302, 403, 403, 404, 404),
    Rule("api.get_stats", "GET", "/api/v1/stats", 401, 403, 403, 200, 200),
]
