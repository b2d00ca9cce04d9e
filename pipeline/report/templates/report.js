// The report's script (inlined into the page): the events table (filters, sorting, evidence rows)
// and the network (filtered with the table, zoom and pan, a node selects its organisation).
// It reads the JSON block #report-data and talks to nobody.
(function () {
  "use strict";
  var started = performance.now();
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var ENT = DATA.entities, ART = DATA.articles, EVENTS = DATA.events;
  var E_ID = 0, E_NAME = 1, E_EN = 2;
  var A_PATH = 0, A_TITLE = 1, A_URL = 2, A_PUBLISHED = 3;
  var ARROW = { 1: "\u2192", 0: "\u2014" };
  var MAX_OPTIONS = 3000;   // organisation names offered while typing
  var PAGE = 500;           // rows in the table at a time: the rest on the next pages

  var state = {
    relation: "", status: "", org: "", orgId: null, from: "", to: "", amount: NaN, currency: "",
    sortKey: "date", sortDir: -1, open: {}, visible: [], page: 0
  };

  function $(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }
  function words(s) { return String(s).replace(/_/g, " "); }
  function num(x) { return x == null ? NaN : parseFloat(x); }

  // searchable text of each organisation, and of each event's parties
  var entKey = ENT.map(function (e) {
    return (e[E_ID] + "\u0000" + e[E_NAME] + "\u0000" + (e[E_EN] || "")).toLowerCase().replace(/\s+/g, "");
  });
  var byId = {};
  ENT.forEach(function (e, i) { byId[e[E_ID]] = i; });

  function amountText(ev) {
    if (ev.av == null) return "";
    return ev.at || (ev.av + " " + (ev.ac || ""));
  }

  // --- filtering and sorting ---------------------------------------------------------
  function matches(ev) {
    if (state.relation && ev.r !== state.relation) return false;
    if (state.status && ev.s !== state.status) return false;
    if (state.orgId !== null) {
      if (ev.p[0] !== state.orgId && ev.p[1] !== state.orgId) return false;
    } else if (state.org) {
      if (entKey[ev.p[0]].indexOf(state.org) < 0 && entKey[ev.p[1]].indexOf(state.org) < 0) return false;
    }
    if (state.from && !(ev.l && ev.l >= state.from)) return false;
    if (state.to && !(ev.f && ev.f <= state.to)) return false;
    if (!isNaN(state.amount) || state.currency) {
      if (ev.av == null) return false;
      if (state.currency && ev.ac !== state.currency) return false;
      if (!isNaN(state.amount) && num(ev.av) < state.amount) return false;
    }
    return true;
  }

  var SORTS = {
    date: function (e) { return e.f || ""; },
    relation: function (e) { return e.r; },
    status: function (e) { return e.s; },
    parties: function (e) { return ENT[e.p[0]][E_NAME] + "\u0000" + ENT[e.p[1]][E_NAME]; },
    amount: function (e) { return e.av == null ? null : num(e.av); },
    articles: function (e) { return e.n; },
    confidence: function (e) { return e.c; }
  };

  function sorted(indices) {
    var key = SORTS[state.sortKey], dir = state.sortDir;
    var keyed = indices.map(function (i) { return [key(EVENTS[i]), i]; });
    keyed.sort(function (a, b) {
      var x = a[0], y = b[0];
      if (x === y) return a[1] - b[1];
      if (x === null || x === "") return 1;          // missing values last, whatever the direction
      if (y === null || y === "") return -1;
      return (x < y ? -1 : 1) * dir;
    });
    return keyed.map(function (k) { return k[1]; });
  }

  // --- the table ---------------------------------------------------------------------
  function rowHtml(i) {
    var ev = EVENTS[i], a = ENT[ev.p[0]], b = ENT[ev.p[1]];
    var reported = ev.f ? (ev.l && ev.l !== ev.f ? ev.f + " \u2013 " + ev.l : ev.f) : "undated";
    var open = state.open[i] ? "true" : "false";
    return "<tr class=\"event" + (state.open[i] ? " open" : "") + "\" data-i=\"" + i + "\" data-relation=\"" + ev.r +
      "\" data-status=\"" + ev.s + "\" data-parties=\"" + esc(a[E_ID] + " " + b[E_ID]) + "\">" +
      "<td><button type=\"button\" class=\"expand\" aria-expanded=\"" + open + "\" aria-controls=\"d" + i +
      "\" aria-label=\"Evidence of " + esc(a[E_NAME]) + " and " + esc(b[E_NAME]) + "\">" +
      (state.open[i] ? "\u2212" : "+") + "</button></td>" +
      "<td>" + esc(reported) + "</td>" +
      "<td><span class=\"badge rel-" + ev.r + "\">" + words(ev.r) + "</span></td>" +
      "<td class=\"status-" + ev.s + "\">" + words(ev.s) + "</td>" +
      "<td class=\"parties\" lang=\"ko\">" + esc(a[E_NAME]) + "<span class=\"arrow\">" + ARROW[ev.d] + "</span>" +
      esc(b[E_NAME]) + "</td>" +
      "<td class=\"num\" lang=\"ko\"" + (ev.av != null ? " title=\"" + esc(ev.av + " " + (ev.ac || "")) + "\"" : "") + ">" +
      esc(amountText(ev)) + "</td>" +
      "<td class=\"num\">" + ev.n + "</td>" +
      "<td class=\"num\">" + ev.c.toFixed(2) + "</td></tr>";
  }

  function render() {
    var indices = [];
    for (var i = 0; i < EVENTS.length; i++) if (matches(EVENTS[i])) indices.push(i);
    state.visible = sorted(indices);
    state.page = 0;
    drawPage();
    updateNetwork();
  }

  // one page of the filtered, sorted events (with their open evidence): a table of tens of thousands
  // of rows would take seconds to lay out at every change
  function drawPage() {
    var body = $("event-rows"), shown = state.visible.length;
    var pages = Math.max(1, Math.ceil(shown / PAGE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    var first = state.page * PAGE, end = Math.min(shown, first + PAGE), html = [];
    for (var k = first; k < end; k++) html.push(rowHtml(state.visible[k]));
    body.innerHTML = html.join("");
    for (k = first; k < end; k++) {
      var i = state.visible[k];
      if (state.open[i]) body.querySelector("tr.event[data-i=\"" + i + "\"]").after(detailRow(i));
    }
    var of = shown === EVENTS.length ? "" : " (of " + EVENTS.length.toLocaleString("en") + " in the report)";
    $("count").textContent = shown.toLocaleString("en") + " event" + (shown === 1 ? "" : "s") + of +
      (pages > 1 ? ": rows " + (first + 1).toLocaleString("en") + "\u2013" + end.toLocaleString("en") : "");
    Array.prototype.forEach.call(document.querySelectorAll(".pager"), function (pager) {
      pager.hidden = pages < 2;
      pager.querySelector(".page-of").textContent = "page " + (state.page + 1) + " of " + pages;
      pager.querySelector(".prev").disabled = state.page === 0;
      pager.querySelector(".next").disabled = state.page >= pages - 1;
    });
  }

  function turnPage(step, pager) {
    state.page += step;
    drawPage();
    if (pager.classList.contains("bottom")) $("event-table").scrollIntoView();
  }

  // --- evidence ----------------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function marked(text, marks) {
    var p = el("p", "sentence"), at = 0;
    p.lang = "ko";
    marks.forEach(function (m) {
      if (m[0] < at) return;
      if (m[0] > at) p.appendChild(document.createTextNode(text.slice(at, m[0])));
      var mark = el("mark", "m-" + m[2], text.slice(m[0], m[1]));
      mark.dataset.kind = m[2];
      mark.dataset.label = words(m[3]);
      mark.title = m[2] + ": " + words(m[3]);
      p.appendChild(mark);
      at = m[1];
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }

  function articleLink(a) {
    var href = a[A_URL] || encodeURI(a[A_PATH]);
    var link = el("a", null, a[A_TITLE] || a[A_PATH]);
    link.href = href;
    if (a[A_URL]) { link.target = "_blank"; link.rel = "noopener noreferrer"; }
    return link;
  }

  function detailRow(i) {
    var ev = EVENTS[i];
    var tr = el("tr", "detail"), td = el("td");
    tr.id = "d" + i;
    td.colSpan = 8;
    var facts = [words(ev.r) + (ev.d ? " (directed)" : ""), "status " + words(ev.s),
      ev.n + " article" + (ev.n === 1 ? "" : "s") + ", " + ev.nm + " record" + (ev.nm === 1 ? "" : "s") +
      (ev.ns ? ", " + ev.ns + " outlet" + (ev.ns === 1 ? "" : "s") : "")];
    if (ev.ds) facts.push("deal date " + ev.ds + (ev.de && ev.de !== ev.ds ? " \u2013 " + ev.de : ""));
    if (ev.av != null) facts.push("amount " + ev.av + " " + (ev.ac || ""));
    facts.push("event " + ev.i);
    td.appendChild(el("p", "deal", facts.join(" \u00b7 ")));
    ev.ev.forEach(function (x) {
      var box = el("div", "evidence");
      box.appendChild(marked(x[1], x[2]));
      x[3].forEach(function (o) {
        var line = el("p", "outside");
        line.lang = "ko";
        line.appendChild(document.createTextNode(words(o[1]) + " named earlier: \u2026"));
        if (o[2]) {
          line.appendChild(document.createTextNode(o[2].slice(0, o[3])));
          var mark = el("mark", "m-party", o[2].slice(o[3], o[4]));
          mark.dataset.kind = "party";
          mark.dataset.label = words(o[1]);
          line.appendChild(mark);
          line.appendChild(document.createTextNode(o[2].slice(o[4]) + "\u2026"));
        } else {
          line.appendChild(el("mark", "m-party", o[0]));
        }
        box.appendChild(line);
      });
      var a = ART[x[0]], source = el("p", "source");
      source.appendChild(articleLink(a));
      var about = [a[A_PUBLISHED] || "undated", words(x[4]), words(x[5]), "rule " + x[6], "confidence " + x[7]];
      if (a[A_URL] && a[A_TITLE]) about.unshift(a[A_PATH]);
      source.appendChild(document.createTextNode(" \u00b7 " + about.join(" \u00b7 ")));
      box.appendChild(source);
      td.appendChild(box);
    });
    if (ev.mo) td.appendChild(el("p", "deal", "and " + ev.mo + " more sentence" + (ev.mo === 1 ? "" : "s") +
      " reporting it"));
    tr.appendChild(td);
    return tr;
  }

  function toggle(button) {
    var row = button.closest("tr"), i = +row.dataset.i;
    if (state.open[i]) {
      delete state.open[i];
      var detail = $("d" + i);
      if (detail) detail.remove();
    } else {
      state.open[i] = true;
      row.after(detailRow(i));
    }
    var open = !!state.open[i];
    row.classList.toggle("open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? "\u2212" : "+";
  }

  // --- the network -------------------------------------------------------------------
  var svg = $("graph"), viewport = $("viewport");
  var edgeEls = {}, nodeEls = [], labelEls = [];
  Array.prototype.forEach.call(svg.querySelectorAll(".edge"), function (p) { edgeEls[p.dataset.event] = p; });
  Array.prototype.forEach.call(svg.querySelectorAll(".node"), function (g) { nodeEls.push(g); });
  Array.prototype.forEach.call(svg.querySelectorAll(".labels text"), function (t) { labelEls.push(t); });

  function updateNetwork() {
    var onEdges = {}, onNodes = {};
    state.visible.forEach(function (i) {
      var ev = EVENTS[i];
      onEdges[ev.i] = true;
      onNodes[ENT[ev.p[0]][E_ID]] = true;
      onNodes[ENT[ev.p[1]][E_ID]] = true;
    });
    for (var id in edgeEls) edgeEls[id].classList.toggle("off", !onEdges[id]);
    nodeEls.forEach(function (g) {
      g.classList.toggle("off", !onNodes[g.dataset.id]);
      g.classList.toggle("selected", state.orgId !== null && ENT[state.orgId][E_ID] === g.dataset.id);
    });
    labelEls.forEach(function (t) { t.classList.toggle("off", !onNodes[t.dataset.id]); });
    // the network's Tab stop must be a node that is shown
    var stop = svg.querySelector(".node[tabindex=\"0\"]");
    if (!stop || stop.classList.contains("off")) {
      var first = nodeEls.filter(function (g) { return !g.classList.contains("off"); })[0];
      nodeEls.forEach(function (g) { g.setAttribute("tabindex", g === first ? "0" : "-1"); });
    }
  }

  function selectOrganisation(entityId) {
    var i = byId[entityId];
    if (i === undefined) return;
    if (state.orgId === i) { state.orgId = null; state.org = ""; $("f-org").value = ""; }
    else { state.orgId = i; state.org = ""; $("f-org").value = ENT[i][E_NAME]; }
    render();
  }

  var base = svg.viewBox.baseVal, view = { x: 0, y: 0, w: base.width, h: base.height };
  var full = { w: base.width, h: base.height };
  function applyView() { svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h); }
  function zoom(factor, cx, cy) {
    var w = Math.min(full.w * 1.5, Math.max(full.w / 12, view.w * factor));
    var h = w * full.h / full.w;
    cx = cx == null ? view.x + view.w / 2 : cx;
    cy = cy == null ? view.y + view.h / 2 : cy;
    view.x = cx - (cx - view.x) * w / view.w;
    view.y = cy - (cy - view.y) * h / view.h;
    view.w = w; view.h = h;
    applyView();
  }
  function svgPoint(evt) {
    var r = svg.getBoundingClientRect(), s = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * s - view.w) / 2, oy = (r.height * s - view.h) / 2;
    return { x: view.x + (evt.clientX - r.left) * s - ox, y: view.y + (evt.clientY - r.top) * s - oy, s: s };
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = svgPoint(evt);
    zoom(evt.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    if (evt.target.closest(".node")) return;
    drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, s: svgPoint(evt).s };
    svg.classList.add("dragging");
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    view.x = drag.vx - (evt.clientX - drag.x) * drag.s;
    view.y = drag.vy - (evt.clientY - drag.y) * drag.s;
    applyView();
  });
  function endDrag() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  $("zoom-in").addEventListener("click", function () { zoom(1 / 1.4); });
  $("zoom-out").addEventListener("click", function () { zoom(1.4); });
  $("zoom-reset").addEventListener("click", function () { view = { x: 0, y: 0, w: full.w, h: full.h }; applyView(); });
  svg.addEventListener("click", function (evt) {
    var node = evt.target.closest(".node");
    if (node) selectOrganisation(node.dataset.id);
  });
  // one Tab stop for the whole network; arrow keys go from node to node (busiest first), Home/End to the ends
  var STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  function rove(node) {
    nodeEls.forEach(function (g) { g.setAttribute("tabindex", g === node ? "0" : "-1"); });
    node.focus();
  }
  svg.addEventListener("keydown", function (evt) {
    var node = evt.target.closest && evt.target.closest(".node");
    if (!node) return;
    if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); selectOrganisation(node.dataset.id); return; }
    var shown = nodeEls.filter(function (g) { return !g.classList.contains("off"); });
    if (!shown.length) return;
    var at = shown.indexOf(node), next = null;
    if (STEPS[evt.key]) next = shown[(Math.max(at, 0) + STEPS[evt.key] + shown.length) % shown.length];
    else if (evt.key === "Home") next = shown[0];
    else if (evt.key === "End") next = shown[shown.length - 1];
    if (next) { evt.preventDefault(); rove(next); }
  });
  svg.addEventListener("focusin", function (evt) {
    var node = evt.target.closest && evt.target.closest(".node");
    if (node && node.getAttribute("tabindex") !== "0") rove(node);
  });
  $("colour-by").addEventListener("change", function (evt) {
    var by = evt.target.value;
    svg.classList.toggle("by-country", by === "country");
    svg.classList.toggle("by-type", by === "type");
    $("legend-country").hidden = by !== "country";
    $("legend-type").hidden = by !== "type";
  });

  // --- controls ----------------------------------------------------------------------
  function readFilters() {
    state.relation = $("f-relation").value;
    state.status = $("f-status").value;
    var typed = $("f-org").value.trim();
    if (state.orgId !== null && typed !== ENT[state.orgId][E_NAME]) state.orgId = null;
    state.org = state.orgId === null ? typed.toLowerCase().replace(/\s+/g, "") : "";
    state.from = $("f-from").value;
    state.to = $("f-to").value;
    state.amount = $("f-amount").value === "" ? NaN : parseFloat($("f-amount").value);
    state.currency = $("f-currency").value;
  }
  var pending = null;
  function onFilter() {
    readFilters();
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; render(); }, EVENTS.length > 5000 ? 120 : 0);
  }
  ["f-relation", "f-status", "f-from", "f-to", "f-currency"].forEach(function (id) {
    $(id).addEventListener("change", onFilter);
  });
  ["f-org", "f-amount"].forEach(function (id) { $(id).addEventListener("input", onFilter); });
  $("filters").addEventListener("submit", function (evt) { evt.preventDefault(); onFilter(); });
  $("filters").addEventListener("reset", function () {
    state.orgId = null;
    setTimeout(onFilter, 0);   // after the form has cleared its fields
  });
  Array.prototype.forEach.call(document.querySelectorAll("th[data-key] button"), function (button) {
    button.addEventListener("click", function () {
      var th = button.parentNode, key = th.dataset.key;
      state.sortDir = state.sortKey === key ? -state.sortDir : (key === "date" || key === "amount" ||
        key === "articles" || key === "confidence" ? -1 : 1);
      state.sortKey = key;
      Array.prototype.forEach.call(document.querySelectorAll("th[data-key]"), function (other) {
        if (other === th) other.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
        else other.removeAttribute("aria-sort");
      });
      render();
    });
  });
  $("event-rows").addEventListener("click", function (evt) {
    var button = evt.target.closest("button.expand");
    if (button) toggle(button);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".pager"), function (pager) {
    pager.querySelector(".prev").addEventListener("click", function () { turnPage(-1, pager); });
    pager.querySelector(".next").addEventListener("click", function () { turnPage(1, pager); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.org-filter"), function (button) {
    button.addEventListener("click", function () {
      state.orgId = null;
      selectOrganisation(button.dataset.id);
      $("events").focus();
    });
  });

  // organisation names to choose from while typing
  var options = document.createDocumentFragment();
  ENT.slice(0, MAX_OPTIONS).forEach(function (e) {
    var o = document.createElement("option");
    o.value = e[E_NAME];
    if (e[E_EN]) o.label = e[E_EN];
    options.appendChild(o);
  });
  $("org-names").appendChild(options);

  render();
  window.reportScriptMs = performance.now() - started;
  // ready once the first frame with the table and the network is painted
  requestAnimationFrame(function () {
    setTimeout(function () {
      window.reportRenderMs = performance.now();
      document.documentElement.dataset.ready = "true";
    }, 0);
  });
})();
