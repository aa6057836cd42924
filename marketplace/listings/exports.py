"""The demand and supply lists as CSV and XLSX, for officials."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

from .. import taxonomy
from .models import Demand, Offering

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Spreadsheet formula injection: a text cell must not start a formula."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


# Record statuses in words (the pages' badges say the same).
STATUS_LABELS = {
    "draft": ("草稿", "Draft"),
    "open": ("公开", "Open"),
    "closed": ("已关闭", "Closed"),
    "active": ("在架", "Active"),
    "withdrawn": ("已下架", "Withdrawn"),
}


def status_label(status: str, lang: str) -> str:
    """A listing status in `lang` (zh or en); an unknown status as it is."""
    zh, en = STATUS_LABELS.get(status, (status, status))
    return zh if lang == "zh" else en


def _labels(vocabulary: str, codes: list[str], lang: str) -> str:
    return "、".join(taxonomy.label(vocabulary, c, lang) for c in codes)


def demand_rows(demands: Sequence[Demand], lang: str) -> tuple[list[str], list[list]]:
    """The header and one row per demand for a CSV or Excel export, labels in `lang`."""
    zh = lang == "zh"
    header = (
        [
            "编号",
            "标题",
            "机构",
            "类型",
            "领域",
            "任务",
            "场地条件",
            "负载(kg)",
            "数量",
            "采购方式",
            "预算",
            "城市",
            "需求时间",
            "状态",
            "描述",
        ]
        if zh
        else [
            "Ref",
            "Title",
            "Organization",
            "Kind",
            "Domain",
            "Tasks",
            "Site conditions",
            "Payload (kg)",
            "Quantity",
            "Modes",
            "Budget",
            "City",
            "Needed by",
            "Status",
            "Description",
        ]
    )
    rows = []
    for d in demands:
        budget = "; ".join(f"{taxonomy.label('modes', m, lang)} {a}" for m, a in d.budget.items())
        rows.append(
            [
                d.ref,
                d.title,
                d.organization.name,
                taxonomy.label("demand_kinds", d.kind, lang),
                taxonomy.label("domains", d.domain, lang),
                _labels("tasks", d.tasks, lang),
                _labels("environments", d.environments, lang),
                d.payload_kg,
                d.quantity,
                _labels("modes", d.modes, lang),
                budget,
                taxonomy.label("cities", d.city, lang),
                d.needed_by.isoformat() if d.needed_by else "",
                status_label(d.status, lang),
                d.description,
            ]
        )
    return header, rows


def offering_rows(offerings: Sequence[Offering], lang: str) -> tuple[list[str], list[list]]:
    """The header and one row per offering for a CSV or Excel export, labels in `lang`."""
    zh = lang == "zh"
    header = (
        [
            "编号",
            "标题",
            "机构",
            "类别",
            "领域",
            "任务",
            "适用环境",
            "负载(kg)",
            "可用数量",
            "服务城市",
            "价格",
            "认证",
            "首台套",
            "状态",
            "描述",
        ]
        if zh
        else [
            "Ref",
            "Title",
            "Organization",
            "Category",
            "Domains",
            "Tasks",
            "Rated for",
            "Payload (kg)",
            "Units available",
            "Cities served",
            "Prices",
            "Certifications",
            "First of a kind",
            "Status",
            "Description",
        ]
    )
    rows = []
    for o in offerings:
        prices = "; ".join(f"{taxonomy.label('modes', m['mode'], lang)} {m['price']}" for m in o.modes)
        rows.append(
            [
                o.ref,
                o.title,
                o.organization.name,
                taxonomy.label("offering_categories", o.category, lang),
                _labels("domains", o.domains, lang),
                _labels("tasks", o.tasks, lang),
                _labels("environments", o.environments, lang),
                o.payload_kg,
                o.units_available,
                _labels("cities", o.service_cities, lang) or ("全省" if zh else "All Zhejiang"),
                prices,
                ", ".join(o.certifications or []),
                "是" if o.first_of_kind and zh else ("yes" if o.first_of_kind else ""),
                status_label(o.status, lang),
                o.description,
            ]
        )
    return header, rows


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads it), formula-like cells neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(v) if v is not None else "" for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def to_xlsx(header: list[str], rows: list[list], title: str) -> bytes:
    """An Excel workbook with one sheet named `title`, formula-like cells neutralised."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(header)
    for row in rows:
        ws.append([neutralise(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
