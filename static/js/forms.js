/* Tasks follow the chosen domain(s).
   - Demand and offering forms: task checkboxes carry data-domains="a b"; tasks that
     belong to none of the chosen domains are hidden (ticked ones stay visible and
     are marked, so nothing is lost silently). The server validates anyway.
   - List filters: the task <select> is rebuilt from a <template> of all tasks when
     the domain changes.
   Without JavaScript every task is shown. */
(function () {
  "use strict";

  function chosenDomains(scope) {
    var select = scope.querySelector("select[name='domain']");
    if (select) { return select.value ? [select.value] : []; }
    return Array.prototype.map.call(
      scope.querySelectorAll("input[type='checkbox'][name='domains']:checked"),
      function (box) { return box.value; });
  }

  function fits(box, domains) {
    var own = (box.getAttribute("data-domains") || "").split(" ");
    return domains.some(function (d) { return own.indexOf(d) !== -1; });
  }

  function setupForm(form) {
    var group = form.querySelector("[data-task-group]");
    if (!group) { return; }
    var hint = group.querySelector("[data-task-hint]");
    var boxes = group.querySelectorAll("input[type='checkbox'][data-domains]");

    function update() {
      var domains = chosenDomains(form);
      boxes.forEach(function (box) {
        var item = box.closest("li");
        var ok = domains.length === 0 || fits(box, domains);
        item.hidden = !ok && !box.checked;
        item.classList.toggle("out-of-domain", !ok && box.checked);
      });
      if (hint) { hint.hidden = domains.length === 0; }
    }

    form.addEventListener("change", function (event) {
      var name = event.target.name;
      if (name === "domain" || name === "domains" || name === "tasks") { update(); }
    });
    update();
  }

  function setupFilter(form) {
    var domain = form.querySelector("[data-domain-select]");
    var task = form.querySelector("[data-task-select]");
    var all = form.querySelector("template[data-all-tasks]");
    if (!domain || !task || !all) { return; }
    var anyOption = task.options[0].cloneNode(true);

    domain.addEventListener("change", function () {
      var current = task.value;
      task.innerHTML = "";
      task.appendChild(anyOption.cloneNode(true));
      Array.prototype.forEach.call(all.content.querySelectorAll("option"), function (option) {
        var own = (option.getAttribute("data-domains") || "").split(" ");
        if (!domain.value || own.indexOf(domain.value) !== -1) {
          var copy = option.cloneNode(true);
          copy.selected = option.value === current;
          task.appendChild(copy);
        }
      });
    });
  }

  function start() {
    document.querySelectorAll("form").forEach(function (form) {
      setupForm(form);
      setupFilter(form);
    });
  }

  if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
