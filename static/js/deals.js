/* The comparison page: recompute totals, per-month costs, the cheapest row and the
   buy-or-lease verdict as the period or the hours change (nothing is saved). The
   arithmetic is the one of marketplace/deals/costs.py. */
(function () {
  "use strict";
  var table = document.getElementById("compare-table");
  var form = document.getElementById("period-form");
  if (!table || !form) return;
  var months = form.querySelector("[name=months]");
  var hours = form.querySelector("[name=hours_per_month]");
  var fmt = new Intl.NumberFormat(document.documentElement.lang || "zh", { maximumFractionDigits: 2 });

  function cents(x) { return Math.round(x * 100) / 100; }
  function total(mode, price, units, m, h) {
    if (mode === "purchase") return cents(price * units);
    if (mode === "lease" || mode === "raas") return cents(price * units * m);
    if (mode === "sharing") return cents(price * units * h * m);
    return NaN;
  }
  function update() {
    var m = parseInt(months.value, 10);
    var h = parseFloat(hours.value);
    if (!(m >= 1 && m <= 600) || !(h > 0 && h <= 744)) return;
    var rows = table.querySelectorAll("tbody tr.compare-row");
    var best = null;
    rows.forEach(function (row) {
      var t = total(row.dataset.mode, parseFloat(row.dataset.price), parseInt(row.dataset.units, 10), m, h);
      var cell = row.querySelector(".total");
      var per = row.querySelector(".per-month");
      cell.dataset.total = t.toFixed(2);
      cell.textContent = "¥" + fmt.format(t);
      per.dataset.perMonth = cents(t / m).toFixed(2);
      per.textContent = "¥" + fmt.format(cents(t / m));
      row.classList.remove("cheapest");
      if (best === null || t < best.t) best = { row: row, t: t };
    });
    if (best) {
      best.row.classList.add("cheapest");
      var badge = table.querySelector(".badge-cheapest");
      if (badge) best.row.querySelector(".total").appendChild(badge);
    }
    document.querySelectorAll("[data-break-even]").forEach(function (li) {
      var buy = m > parseFloat(li.dataset.breakEven);
      li.querySelector(".be-buy").hidden = !buy;
      li.querySelector(".be-lease").hidden = buy;
    });
    table.dataset.months = m;
    table.dataset.hours = h;
  }
  months.addEventListener("input", update);
  hours.addEventListener("input", update);
})();
