/* Bars whose width comes from the data: set through the DOM, so the Content-Security-Policy
   needs no inline style attribute (style-src without 'unsafe-inline'). */
(function () {
  "use strict";
  function widths(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var w = parseFloat(el.getAttribute("data-width"));
      if (!isNaN(w)) { el.style.width = Math.max(0, Math.min(100, w)) + "%"; }
    });
  }
  /* A page showing a computation in progress ([data-reload-while-running="seconds"]) reloads
     itself until the computation is done (the server renders the progress). */
  function reloads(root) {
    var el = root.querySelector("[data-reload-while-running]");
    if (!el) { return; }
    var seconds = parseFloat(el.getAttribute("data-reload-while-running")) || 2;
    setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
  /* On phones the staff navigation and the user's links fold behind a "Menu" button
     (CSS shows the button below 640 px); without JavaScript they simply stay open. */
  function staffMenu(root) {
    var button = root.querySelector("[data-staff-menu]");
    if (!button) { return; }
    var panels = (button.getAttribute("aria-controls") || "").split(" ")
      .map(function (id) { return document.getElementById(id); })
      .filter(function (el) { return el; });
    button.hidden = false;
    document.documentElement.classList.add("staff-menu-ready");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      panels.forEach(function (el) { el.classList.toggle("is-open", open); });
    });
  }
  /* One group of the staff menu open at a time; a click elsewhere or Escape closes it. */
  function navGroups(root) {
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-nav-group]"));
    if (!groups.length) { return; }
    groups.forEach(function (g) {
      g.addEventListener("toggle", function () {
        if (g.open) { groups.forEach(function (o) { if (o !== g) { o.open = false; } }); }
      });
    });
    document.addEventListener("click", function (e) {
      groups.forEach(function (g) { if (g.open && !g.contains(e.target)) { g.open = false; } });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") { return; }
      groups.forEach(function (g) {
        if (g.open) { g.open = false; g.querySelector("summary").focus(); }
      });
    });
  }
  /* A wide table scrolls inside its box (.table-wrap). Where it does scroll (phones), the box
     takes keyboard focus so that the arrow keys scroll it, as a named region (WCAG 2.1.1). */
  function scrollRegions(root) {
    root.querySelectorAll(".table-wrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (el.hasAttribute("tabindex")) { return; }
        var table = el.querySelector("table"), caption = table && table.querySelector("caption"),
            section = el.closest("section"), heading = section && section.querySelector("h2, h3");
        var name = (caption && caption.textContent) || (heading && heading.textContent) ||
                   document.title;
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", name.trim());
        el.dataset.scrollRegion = "1";
      } else if (el.dataset.scrollRegion) {
        ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(function (a) {
          el.removeAttribute(a);
        });
      }
    });
  }
  /* The pipeline board scrolls sideways on a phone (one column in view): open it on the first
     column with projects ([data-board-start], the server names it), not on an empty one. */
  function boardStart(root) {
    var board = root.querySelector("[data-board-start]");
    if (!board || !board.dataset.boardStart || board.scrollWidth <= board.clientWidth + 1) { return; }
    var col = document.getElementById("stage-" + board.dataset.boardStart);
    if (col) { board.scrollLeft = col.offsetLeft - board.offsetLeft; }
  }
  function ready() {
    widths(document); reloads(document); staffMenu(document); navGroups(document); scrollRegions(document);
    boardStart(document);
    var pending;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { scrollRegions(document); }, 150);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();

/* A background export's page: poll its progress (the API's export detail) until the file is
   ready, then show the download link. */
(function () {
  "use strict";
  function start() {
    var box = document.querySelector("[data-export-poll]");
    if (!box || box.dataset.status === "done" || box.dataset.status === "failed") { return; }
    var bar = box.querySelector("[data-export-bar]"), status = box.querySelector("[data-export-status]"),
        download = box.querySelector("[data-export-download]");
    function poll() {
      fetch(box.dataset.exportPoll, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (job) {
          bar.style.width = job.progress + "%";
          bar.parentNode.setAttribute("aria-valuenow", job.progress);
          var text = status.getAttribute("data-label-" + job.status) + " · " + job.progress + "%";
          if (job.rows_total !== null) {
            text += " · " + job.rows_done.toLocaleString() + " / " + job.rows_total.toLocaleString() +
              " " + status.getAttribute("data-label-rows");
          }
          status.textContent = text;
          if (job.status === "done") { download.hidden = false; }
          else if (job.status !== "failed") { setTimeout(poll, 1000); }
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    poll();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();

/* List filters: open on a desktop; on a phone folded away (unless some are set), so the
   first results show without scrolling past the whole form. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 640px)").matches) { return; }
  document.querySelectorAll("details[data-collapse-on-phone]").forEach(function (d) {
    if (!d.hasAttribute("data-active")) { d.open = false; }
  });
})();
