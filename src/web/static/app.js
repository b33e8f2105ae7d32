// mailcase staff UI: progressive enhancement only; every page works without this file.
// Keyboard: "/" search, j/k move, o/Enter open, x toggle quotes, r reply, n note, u list.
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }

  // ---- list: row selection
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.case-row"));
  var selected = -1;
  function select(i) {
    if (!rows.length) return;
    if (selected >= 0) rows[selected].classList.remove("selected");
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows[selected].classList.add("selected");
    rows[selected].scrollIntoView({ block: "nearest" });
  }
  rows.forEach(function (row, i) {
    row.addEventListener("click", function (e) {
      if (e.target.closest("a, button, input, select")) return;
      var href = row.getAttribute("data-href");
      if (href && href.charAt(0) === "/") window.location.assign(href);
    });
    row.addEventListener("mouseenter", function () { selected >= 0 && rows[selected].classList.remove("selected"); selected = i; row.classList.add("selected"); });
  });

  // ---- case page: messages and quotes
  var msgs = Array.prototype.slice.call(document.querySelectorAll("article.msg"));
  var current = -1;
  function moveMsg(d) {
    if (!msgs.length) return;
    current = Math.max(0, Math.min(msgs.length - 1, current + d));
    msgs[current].focus();
    msgs[current].scrollIntoView({ block: "start", behavior: "auto" });
  }
  var folds = Array.prototype.slice.call(document.querySelectorAll("details.fold"));
  var toggle = document.getElementById("toggle-quotes");
  function setAll(open) {
    folds.forEach(function (d) { d.open = open; });
    if (toggle) toggle.textContent = open ? "Hide all quoted text" : "Show all quoted text";
  }
  if (toggle && folds.length) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      setAll(!folds.some(function (d) { return d.open; }));
    });
  }

  // ---- the filter selects apply at once
  ["f-status", "f-flag", "f-sort"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el && el.form) el.addEventListener("change", function () { el.form.submit(); });
  });

  document.addEventListener("keydown", function (e) {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (e.key === "Escape" && typing(document.activeElement)) { document.activeElement.blur(); return; }
    if (typing(e.target)) return;
    var q = document.getElementById("q");
    switch (e.key) {
      case "/":
        if (q) { e.preventDefault(); q.focus(); q.select(); }
        break;
      case "j":
        if (rows.length) select(selected + 1); else moveMsg(1);
        break;
      case "k":
        if (rows.length) select(selected - 1); else moveMsg(-1);
        break;
      case "o":
      case "Enter":
        if (rows.length && selected >= 0) {
          var href = rows[selected].getAttribute("data-href");
          if (href && href.charAt(0) === "/") { e.preventDefault(); window.location.assign(href); }
        }
        break;
      case "x":
        if (folds.length) setAll(!folds.some(function (d) { return d.open; }));
        break;
      case "r":
        var reply = document.getElementById("reply-body");
        if (reply) { e.preventDefault(); reply.focus(); }
        break;
      case "n":
        var note = document.getElementById("note-body");
        if (note) { e.preventDefault(); note.focus(); }
        break;
      case "u":
        if (document.body.classList.contains("case-page")) window.location.assign("/cases");
        break;
    }
  });
})();
