/* The booking form: offer the units of length that fit the chosen way of use, and
   show the start time only for shared use. The server checks everything again. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var form = document.getElementById("booking-form");
    if (!form) { return; }
    var allowed;
    try { allowed = JSON.parse(form.getAttribute("data-length-units") || "{}"); } catch (e) { return; }
    var mode = form.querySelector("[name=mode]");
    var unit = form.querySelector("[name=length_unit]");
    var hourBlock = form.querySelector("[data-sharing-only]");
    if (!mode || !unit) { return; }

    function update() {
      var units = allowed[mode.value] || [];
      Array.prototype.forEach.call(unit.options, function (option) {
        var ok = units.indexOf(option.value) !== -1;
        option.disabled = !ok;
        option.hidden = !ok;
      });
      if (units.indexOf(unit.value) === -1 && units.length) { unit.value = units[0]; }
      if (hourBlock) { hourBlock.hidden = mode.value !== "sharing"; }
    }

    mode.addEventListener("change", update);
    update();
  });
})();
