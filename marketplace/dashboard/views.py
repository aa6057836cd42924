"""The officials' dashboard page and the supply–demand gap export."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from .. import taxonomy
from ..accounts.access import official_required
from ..db import get_session
from ..i18n import current_lang
from ..listings.exports import to_csv, to_xlsx
from . import charts, stats

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def _labelled(vocabulary: str, counts: dict[str, int], lang: str, extra: dict | None = None) -> list:
    extra = extra or {}
    return [
        (code, extra.get(code) or taxonomy.label(vocabulary, code, lang), n) for code, n in counts.items()
    ]


@bp.get("")
@official_required
def index():
    lang = current_lang()
    threshold = stats.parse_threshold(request.args.get("threshold"))
    figures = stats.compute(get_session(), gap_threshold=threshold)
    progress = figures["progress"]
    pilots, demands, offerings = figures["pilots"], figures["demands"], figures["offerings"]
    series = [_("Pilots"), _("Open needs"), _("Active offerings")]
    domains = taxonomy.codes("domains")
    modes = taxonomy.codes("modes")
    any_label = _("Any way (none named)")
    gap = figures["gap"]
    funnel_keys = ("open", "with_response", "with_accepted", "with_pilot")
    funnel_series = [_("Open needs"), _("With a response"), _("With an accepted response"), _("With a pilot")]
    view = {
        "progress_chart": charts.progress_bar(
            [
                (taxonomy.label("pilot_states", s, lang), progress[s])
                for s in ("completed", "in_progress", "approved")
            ],
            progress["target"],
        ),
        "domain_chart": charts.bar_chart(
            [
                (
                    taxonomy.label("domains", d, lang),
                    [pilots["by_domain"][d], demands["by_domain"][d], offerings["by_domain"][d]],
                )
                for d in domains
            ],
            series,
        ),
        "mode_chart": charts.bar_chart(
            [
                (
                    taxonomy.label("modes", m, lang),
                    [
                        pilots["by_mode"].get(m, 0),
                        demands["by_mode"].get(m, 0),
                        offerings["by_mode"].get(m, 0),
                    ],
                )
                for m in modes
            ]
            + [(any_label, [0, demands["by_mode"].get("any", 0), 0])],
            series,
        ),
        "state_chart": charts.bar_chart(
            [(taxonomy.label("pilot_states", s, lang), [pilots["by_state"][s]]) for s in figures["states"]],
            [_("Pilots")],
            width=460,
        ),
        "maps": [
            (_("Pilots (city of the site)"), charts.city_map(pilots["by_city"]), "pilots"),
            (_("Open needs"), charts.city_map(demands["by_city"]), "demands"),
            (_("Active offerings (supplier's city)"), charts.city_map(offerings["by_city"]), "offerings"),
        ],
        "trend_chart": charts.line_chart(
            [row["month"] for row in figures["trend"]],
            [
                (_("Needs posted"), [r["demands"] for r in figures["trend"]]),
                (_("Offerings posted"), [r["offerings"] for r in figures["trend"]]),
                (_("Pilots proposed"), [r["pilots_proposed"] for r in figures["trend"]]),
                (_("Pilots approved"), [r["pilots_approved"] for r in figures["trend"]]),
            ],
        ),
        "gap_domain_chart": charts.bar_chart(
            [(taxonomy.label("domains", d, lang), [gap["by_domain"][d]]) for d in domains],
            [_("Needs without good supply")],
            width=460,
        ),
        "gap_map": charts.city_map(gap["by_city"]),
        "funnel_series": funnel_series,
        "funnel_domain_chart": charts.bar_chart(
            [
                (
                    taxonomy.label("domains", d, lang),
                    [figures["funnel"]["by_domain"][d][k] for k in funnel_keys],
                )
                for d in domains
            ],
            funnel_series,
        ),
        "funnel_city_chart": charts.bar_chart(
            [
                (taxonomy.label("cities", c, lang), [figures["funnel"]["by_city"][c][k] for k in funnel_keys])
                for c in taxonomy.codes("cities")
            ],
            funnel_series,
        ),
        "domains": domains,
        "modes": modes,
        "series": series,
        "any_label": any_label,
    }
    # The site shows Beijing time (Babel's default zone); the JSON keeps UTC.
    as_of = datetime.fromisoformat(figures["generated_at"].removesuffix("Z"))
    return render_template("dashboard/index.html", figures=figures, threshold=threshold, as_of=as_of, **view)


@bp.get("/gap.<fmt>")
@official_required
def gap_export(fmt: str):
    """The supply–demand gap as CSV or XLSX (cells that would start a formula are neutralised)."""
    if fmt not in ("csv", "xlsx"):
        from ..errors import NotFoundError

        raise NotFoundError()
    lang = current_lang()
    threshold = stats.parse_threshold(request.args.get("threshold"))
    rows = stats.gap_rows(get_session(), threshold)
    zh = lang == "zh"
    not_computed = "尚未计算" if zh else "not yet computed"
    header = (
        [
            "需求编号",
            "需求标题",
            "需求机构",
            "领域",
            "任务",
            "场地条件",
            "城市",
            "最佳匹配得分",
            "最佳匹配供给编号",
        ]
        if zh
        else [
            "Demand ref",
            "Title",
            "Organization",
            "Domain",
            "Tasks",
            "Site conditions",
            "City",
            "Best score",
            "Best offering ref",
        ]
    )
    sep = "、" if zh else ", "
    body = [
        [
            r.ref,
            r.title,
            r.org,
            taxonomy.label("domains", r.domain, lang),
            sep.join(taxonomy.label("tasks", t, lang) for t in r.tasks),
            sep.join(taxonomy.label("environments", e, lang) for e in r.environments),
            taxonomy.label("cities", r.city, lang),
            not_computed if not r.computed else "" if r.best_score is None else r.best_score,
            r.best_offering or "",
        ]
        for r in rows
    ]
    if fmt == "csv":
        data, mime = to_csv(header, body), "text/csv; charset=utf-8"
    else:
        data = to_xlsx(header, body, "gap")
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        data,
        content_type=mime,
        headers={"Content-Disposition": f"attachment; filename=supply-demand-gap-{threshold}.{fmt}"},
    )
