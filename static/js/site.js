/* Small enhancements for every page. The site works without them. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // A form shown again after a failed POST: put the page's own address back in the
  // address bar (a reload then shows the page instead of resending the form).
  var canonical = document.querySelector("link[rel='canonical'][data-replace-address]");
  if (canonical && window.history && window.history.replaceState) {
    var target = canonical.getAttribute("href");
    if (target && target.charAt(0) === "/" && window.location.pathname !== target) {
      window.history.replaceState(null, "", target + window.location.hash);
    }
  }

  ready(function () {
    // Elements only useful with scripting (copy buttons, hints) are shown now.
    document.querySelectorAll(".js-only[hidden]").forEach(function (el) {
      if (!el.hasAttribute("data-task-hint")) { el.hidden = false; }
    });

    // A failed form: move focus to its error summary so it is read out first.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }

    // On a phone, filters fold behind one button that shows how many are active.
    var narrow = window.matchMedia ? window.matchMedia("(max-width: 720px)") : null;
    document.querySelectorAll("[data-filters-toggle]").forEach(function (button) {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      if (!panel) { return; }
      button.hidden = false;
      function fold(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        panel.classList.toggle("is-folded", !open);
      }
      function follow() { fold(!(narrow && narrow.matches)); }
      button.addEventListener("click", function () {
        fold(button.getAttribute("aria-expanded") !== "true");
      });
      if (narrow) {
        if (narrow.addEventListener) { narrow.addEventListener("change", follow); }
        else if (narrow.addListener) { narrow.addListener(follow); }
      }
      follow();
    });

    // Ask before destructive POSTs (close, withdraw, revoke).
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var message = form.getAttribute && form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) { event.preventDefault(); }
    });

    // Copy a token to the clipboard.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source || !navigator.clipboard) { return; }
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          var done = button.getAttribute("data-copied-label");
          if (done) { button.textContent = done; }
        });
      });
    });

    // The account menu closes on Escape and on a click elsewhere.
    var menus = document.querySelectorAll("details.user-menu");
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) { menu.open = false; }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      menus.forEach(function (menu) {
        if (menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
      });
    });
  });
})();
