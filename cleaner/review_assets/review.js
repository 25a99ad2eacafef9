/* The review page's script. Everything it shows comes from the JSON in #review-data and from
   the per-file scripts in the detail folder, and every piece of document text goes into the
   DOM as a text node (never as markup), so a scraped page cannot inject anything. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var PAGE_SIZE = 50;
  var CACHE_SIZE = 24;
  var PALETTE = {
    donation: "#a21caf", comments: "#0f766e", related: "#1d4ed8", navigation: "#4d7c0f", social: "#0369a1",
    newsletter: "#db2777", byline: "#a16207", legal: "#475569", ads: "#dc2626", media: "#7c3aed",
    archive: "#7c2d12", duplicate: "#c2410c", other: "#6b7280"
  };
  var state = { q: "", cat: "", rule: "", only: "", sort: "suspicious", page: 0, open: null, view: "marked" };
  var $ = function (id) { return document.getElementById(id); };

  function colour(cat) { return PALETTE[cat] || "#6e7781"; }
  function paint(node, cat) {
    node.style.setProperty("--c", colour(cat));
    node.style.setProperty("--cbg", colour(cat) + "1f");
    return node;
  }
  /* el("tag", {class, text, attr...}, children...): strings become text nodes, never HTML. */
  function el(tag, props) {
    var node = document.createElement(tag);
    var key;
    for (key in props || {}) {
      if (!Object.prototype.hasOwnProperty.call(props, key) || props[key] === undefined || props[key] === null) continue;
      if (key === "class") node.className = props[key];
      else if (key === "text") node.textContent = props[key];
      else if (key === "on") Object.keys(props.on).forEach(function (ev) { node.addEventListener(ev, props.on[ev]); });
      else node.setAttribute(key, props[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function pct(x) { return (x * 100).toFixed(x > 0 && x < 0.01 ? 1 : 0) + "%"; }
  function share(f) { return f.i ? Math.max(0, Math.min(1, 1 - f.o / f.i)) : 0; }
  function pad(id) { var s = String(id); while (s.length < 6) s = "0" + s; return s; }

  /* ---- index: derived fields for filtering ---- */
  var RULES = {};
  DATA.rules.forEach(function (r) { RULES[r.k] = r; });
  var FILES = DATA.files;
  var UNITS = DATA.unit || "files";  /* "records" for a JSONL run */
  var BY_ID = {};
  FILES.forEach(function (f, pos) {
    f.pos = pos;
    f.cats = {};
    f.nrm = 0;
    f.rules = {};
    f.r.forEach(function (pair) {
      var rule = RULES[pair[0]];
      f.rules[pair[0]] = pair[1];
      f.nrm += pair[1];
      if (rule) f.cats[rule.c] = (f.cats[rule.c] || 0) + pair[1];
    });
    f.failed = "e" in f;
    f.empty = !f.failed && f.o === 0 && f.i > 0;
    f.hay = [f.n, f.e || "", f.f.join(" "), f.q ? "repaired" : "", f.r.map(function (p) { return RULES[p[0]] ? RULES[p[0]].id : ""; }).join(" ")]
      .join("\n").toLowerCase();
    BY_ID[f.d] = f;
  });

  function matches(f) {
    if (state.cat && !f.cats[state.cat]) return false;
    if (state.rule !== "" && !f.rules[state.rule]) return false;
    switch (state.only) {
      case "attention": if (!(f.failed || f.empty || f.f.length)) return false; break;
      case "flagged": if (!f.f.length) return false; break;
      case "empty": if (!f.empty) return false; break;
      case "failed": if (!f.failed) return false; break;
      case "repaired": if (!f.q) return false; break;
      case "changed": if (f.failed || (!f.nrm && f.i === f.o)) return false; break;
      case "unchanged": if (f.failed || f.nrm || f.i !== f.o) return false; break;
    }
    return !state.q || f.hay.indexOf(state.q) !== -1;
  }
  var SORTS = {
    suspicious: function (a, b) { return a.pos - b.pos; },
    share: function (a, b) { return share(b) - share(a) || a.pos - b.pos; },
    removals: function (a, b) { return b.nrm - a.nrm || a.pos - b.pos; },
    size: function (a, b) { return b.i - a.i || a.pos - b.pos; },
    name: function (a, b) { return a.n < b.n ? -1 : a.n > b.n ? 1 : 0; }
  };
  var shown = FILES;
  function refilter() {
    shown = FILES.filter(matches).sort(SORTS[state.sort] || SORTS.suspicious);
    state.page = 0;
    renderList();
    renderSummaryFilter();
    applyDocFilter();
  }

  /* ---- summary ---- */
  function renderSummary() {
    var t = DATA.totals;
    var kept = t.chars_in ? t.chars_out / t.chars_in : 1;
    var box = $("totals");
    function item(id, label, value) {
      box.appendChild(el("div", {}, el("dt", { text: label }), el("dd", { id: id }, value)));
    }
    function filterButton(value, only) {
      return el("button", { type: "button", text: fmt(value), title: "show these files",
        on: { click: function () { setOnly(only); } } });
    }
    item("t-files", UNITS, fmt(t.files));
    item("t-cleaned", "cleaned", fmt(t.cleaned));
    item("t-failed", "failed", t.failed ? filterButton(t.failed, "failed") : "0");
    item("t-removals", "removals", fmt(t.removals));
    item("t-kept", "characters kept", pct(kept));
    item("t-chars", "characters in → out", fmt(t.chars_in) + " → " + fmt(t.chars_out));
    item("t-flagged", "flagged " + UNITS, t.flagged ? filterButton(t.flagged, "flagged") : "0");
    item("t-empty", "empty outputs", t.empty ? filterButton(t.empty, "empty") : "0");
    var repairs = Object.keys(t.repairs);
    if (repairs.length) {
      item("t-repairs", "encoding repairs", repairs.map(function (k) { return k + " " + fmt(t.repairs[k]); }).join(", "));
    }
    DATA.warnings.forEach(function (w) { $("warnings").appendChild(el("li", { text: w })); });

    var cats = $("cat-table").tBodies[0];
    var catSelect = $("f-cat");
    DATA.categories.forEach(function (c) {
      cats.appendChild(el("tr", { "data-cat": c.c },
        el("td", {}, paint(el("span", { class: "swatch" }), c.c),
          el("button", { type: "button", class: "linkish", text: c.c, title: "show only files with " + c.c + " removals",
            on: { click: function () { setCat(state.cat === c.c ? "" : c.c); } } })),
        el("td", { class: "num", text: fmt(c.n) }),
        el("td", { class: "num", text: fmt(c.files) })));
      catSelect.appendChild(el("option", { value: c.c, text: c.c + " (" + fmt(c.n) + ")" }));
    });
    if (!DATA.categories.length) cats.appendChild(el("tr", {}, el("td", { colspan: 3, text: "nothing was removed" })));

    var rules = $("rule-table").tBodies[0];
    var ruleSelect = $("f-rule");
    var groups = {};
    DATA.rules.forEach(function (r) {
      var examples = el("td", { class: "examples" });
      r.ex.forEach(function (id) {
        var f = BY_ID[id];
        if (f) examples.appendChild(el("a", { href: "#f=" + id + "&r=" + encodeURIComponent(r.id), text: f.v || f.n,
          title: "open " + (f.v || f.n) + " at this rule's first removal" }));
      });
      var snips = el("ul", { class: "snips" });
      r.s.forEach(function (s) { snips.appendChild(paint(el("li", { text: s }), r.c)); });
      rules.appendChild(el("tr", { "data-rule": r.id, "data-cat": r.c },
        el("td", {}, paint(el("span", { class: "swatch", title: r.c }), r.c),
          el("button", { type: "button", class: "linkish rule-id", text: r.id, title: "show only files where this rule removed text",
            on: { click: function () { setRule(state.rule === String(r.k) ? "" : String(r.k)); } } }),
          el("div", { class: "off" }, "turn off: ", el("code", { text: "--disable " + r.id }))),
        el("td", { class: "num", text: fmt(r.n) }),
        el("td", { class: "num", text: fmt(r.files) }),
        el("td", {}, el("div", { class: "why", text: r.why }), snips),
        examples));
      if (!groups[r.c]) groups[r.c] = ruleSelect.appendChild(el("optgroup", { label: r.c }));
      groups[r.c].appendChild(el("option", { value: String(r.k), text: r.id + " (" + fmt(r.n) + ")" }));
    });
    if (!DATA.rules.length) rules.appendChild(el("tr", {}, el("td", { colspan: 5, text: "no rule removed anything" })));
  }
  function renderSummaryFilter() {
    Array.prototype.forEach.call($("cat-table").tBodies[0].rows, function (row) {
      row.classList.toggle("selected", !!state.cat && row.getAttribute("data-cat") === state.cat);
    });
    var selectedRule = state.rule !== "" ? RULES[state.rule] : null;
    Array.prototype.forEach.call($("rule-table").tBodies[0].rows, function (row) {
      var cat = row.getAttribute("data-cat");
      row.hidden = !!state.cat && cat !== null && cat !== state.cat;
      row.classList.toggle("selected", !!selectedRule && row.getAttribute("data-rule") === selectedRule.id &&
        cat === selectedRule.c);
    });
  }

  /* ---- file list ---- */
  function renderList() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    var start = state.page * PAGE_SIZE;
    var body = el("tbody");
    shown.slice(start, start + PAGE_SIZE).forEach(function (f) {
      var s = share(f);
      var dots = el("td", { class: "dots" });
      Object.keys(f.cats).sort(function (a, b) { return f.cats[b] - f.cats[a]; }).forEach(function (c) {
        dots.appendChild(paint(el("span", { title: c, "data-cat": c, text: c + " " + f.cats[c] }), c));
      });
      if (f.q) dots.appendChild(el("span", { class: "repaired", title: "encoding repairs", text: "repaired " + f.q }));
      var name = el("td", { class: "name" }, el("a", { href: "#f=" + f.d, text: f.v || f.n }));
      if (f.failed) name.appendChild(el("span", { class: "flag", text: "failed: " + f.e }));
      else if (f.empty) name.appendChild(el("span", { class: "flag", text: "empty output" }));
      f.f.forEach(function (flag) { if (flag !== "output is empty") name.appendChild(el("span", { class: "flag", text: flag })); });
      body.appendChild(el("tr", { "data-id": f.d, class: state.open === f.d ? "open" : "" },
        el("td", { class: "num", title: fmt(f.i) + " → " + fmt(f.o) + " characters" },
          el("span", { class: "bar" }, el("i", { style: "width:" + (s * 100).toFixed(1) + "%" })), f.failed ? "–" : pct(s)),
        name,
        el("td", { class: "num", text: fmt(f.nrm) }),
        dots));
    });
    var table = $("files");
    table.replaceChild(body, table.tBodies[0]);
    var total = FILES.length;
    $("shown").textContent = shown.length === total ? fmt(total) + " " + UNITS :
      fmt(shown.length) + " of " + fmt(total) + " " + UNITS + " match";
    $("shown").setAttribute("data-count", String(shown.length));
    $("pageinfo").textContent = "page " + fmt(state.page + 1) + " of " + fmt(pages);
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
  }

  function setCat(cat) { state.cat = cat; $("f-cat").value = cat; refilter(); }
  function setRule(k) { state.rule = k; $("f-rule").value = k; refilter(); }
  function setOnly(only) { state.only = only; $("f-only").value = only; refilter(); $("list").scrollIntoView(); }

  /* ---- detail scripts, loaded on demand ---- */
  var cache = {};
  var cacheOrder = [];
  var pending = {};
  window.cleanerReview = {
    load: function (id, data) {
      cache[id] = data;
      cacheOrder.push(id);
      while (cacheOrder.length > CACHE_SIZE) delete cache[cacheOrder.shift()];
      if (pending[id]) { pending[id].ok(data); delete pending[id]; }
    }
  };
  function loadDetail(id, done, fail) {
    if (cache[id]) { done(cache[id]); return; }
    if (pending[id]) { pending[id].ok = done; pending[id].fail = fail; return; }
    pending[id] = { ok: done, fail: fail };
    var script = document.createElement("script");
    script.src = DATA.detail_dir + "/" + pad(id) + ".js";
    script.onload = function () { script.remove(); };
    script.onerror = function () {
      script.remove();
      if (pending[id]) { pending[id].fail(script.src); delete pending[id]; }
    };
    document.head.appendChild(script);
  }

  /* ---- one document ---- */
  function openFile(id, ruleId) {
    var f = BY_ID[id];
    var panel = $("detail");
    if (!f) return;
    state.open = id;
    hideTip(null);
    Array.prototype.forEach.call($("files").tBodies[0].rows, function (row) {
      row.classList.toggle("open", row.getAttribute("data-id") === String(id));
    });
    loadDetail(id, function (d) {
      if (state.open !== id) return;
      panel.textContent = "";
      panel.appendChild(renderDetail(f, d));
      applyDocFilter();
      panel.scrollTop = 0;
      if (ruleId) {
        var first = panel.querySelector('del.rm[data-rule="' + CSS.escape(ruleId) + '"]');
        if (first) { first.focus(); first.scrollIntoView({ block: "center" }); }
      }
    }, function (src) {
      panel.textContent = "";
      panel.appendChild(el("p", { class: "error", text: "Cannot load " + src +
        ". Rebuild the page with: cleaner review OUT (the folder that holds this page)." }));
    });
  }

  function renderDetail(f, d) {
    var wrap = el("div", { class: "dwrap", "data-id": d.id });
    var links = el("div", { class: "dlinks" });
    if (f.txt) links.appendChild(el("a", { href: f.txt, text: "clean text file" }));
    if (f.diff) links.appendChild(el("a", { href: f.diff, text: "diff" }));
    if (f.rep) links.appendChild(el("a", { href: f.rep, text: "report.json" }));  /* a JSONL record has none */
    wrap.appendChild(el("div", { class: "dhead" }, el("h2", { text: d.shown || d.name }), links));
    if (d.status !== "ok") {
      wrap.appendChild(el("p", { class: "error", text: "Not cleaned: " + d.error }));
      return wrap;
    }
    var input = d.input || {};
    wrap.appendChild(el("p", { class: "stats", text: fmt(d.chars_in) + " → " + fmt(d.chars_out) + " characters (" +
      pct(share(f)) + " removed) · " + fmt(d.removals.length) + " removals · " + fmt(d.repairs.length) + " repairs" +
      (input.encoding ? " · " + input.encoding + (input.bom ? " with BOM" : "") : "") }));
    if (d.flags.length) {
      var flags = el("ul", { class: "dflags" });
      d.flags.forEach(function (x) { flags.appendChild(el("li", { text: "⚑ " + x })); });
      wrap.appendChild(flags);
    }
    if (!d.replay_ok) wrap.appendChild(el("p", { class: "error", text: "This report does not replay to its recorded output." }));

    var marked = el("button", { type: "button", id: "view-marked", "aria-pressed": "true", text: "marked up",
      on: { click: function () { setView("marked"); } } });
    var clean = el("button", { type: "button", id: "view-clean", "aria-pressed": "false", text: "clean text",
      on: { click: function () { setView("clean"); } } });
    var pos = shown.indexOf(f);
    wrap.appendChild(el("div", { class: "toolbar" }, marked, clean,
      el("button", { type: "button", text: "next removal (n)", on: { click: nextRemoval } }),
      el("button", { type: "button", text: "◀ file (k)", disabled: pos <= 0 ? "" : null, on: { click: function () { step(-1); } } }),
      el("button", { type: "button", text: "file (j) ▶", disabled: pos < 0 || pos >= shown.length - 1 ? "" : null,
        on: { click: function () { step(1); } } })));

    var counts = {};
    d.removals.forEach(function (r) { counts[r.c] = (counts[r.c] || 0) + 1; });
    var legend = el("ul", { class: "legend", "aria-label": "categories in this file" });
    Object.keys(counts).sort().forEach(function (c) {
      legend.appendChild(el("li", {}, paint(el("span", { class: "swatch" }), c), c + " " + counts[c]));
    });
    if (d.repairs.length) legend.appendChild(el("li", {}, el("mark", { class: "repair", text: "repaired" }), " " + d.repairs.length));
    wrap.appendChild(legend);

    var doc = el("div", { class: "doc", id: "doc", "aria-label": "text with removals struck through" });
    var frag = document.createDocumentFragment();
    function repairNode(item) {
      return el("mark", { class: item.t ? "repair" : "repair gap", tabindex: "0", "data-rp": item.q }, item.t);
    }
    d.segments.forEach(function (item) {
      if (typeof item === "string") { frag.appendChild(document.createTextNode(item)); return; }
      if ("q" in item) { frag.appendChild(repairNode(item)); return; }
      var r = d.removals[item.r];
      var node = paint(el("del", { class: "rm", tabindex: "0", "data-rm": item.r, "data-cat": r.c, "data-rule": r.r }), r.c);
      item.p.forEach(function (part) {
        node.appendChild(typeof part === "string" ? document.createTextNode(part) : repairNode(part));
      });
      frag.appendChild(node);
    });
    doc.appendChild(frag);
    doc.cleanerDetail = d;
    wrap.appendChild(doc);
    wrap.appendChild(el("pre", { class: "clean", id: "clean", hidden: "", "aria-label": "clean text" }, d.clean || ""));
    if (!d.clean) wrap.appendChild(el("p", { class: "error", id: "clean-empty", hidden: "", text: "The output is empty." }));
    setTimeout(function () { setView(state.view); }, 0);
    return wrap;
  }

  function setView(view) {
    state.view = view;
    var doc = $("doc"), clean = $("clean"), empty = $("clean-empty");
    if (!doc || !clean) return;
    doc.hidden = view === "clean";
    clean.hidden = view !== "clean";
    if (empty) empty.hidden = view !== "clean";
    $("view-marked").setAttribute("aria-pressed", String(view !== "clean"));
    $("view-clean").setAttribute("aria-pressed", String(view === "clean"));
  }
  function applyDocFilter() {
    var doc = $("doc");
    if (!doc) return;
    var rule = state.rule !== "" ? RULES[state.rule] : null;
    Array.prototype.forEach.call(doc.querySelectorAll("del.rm"), function (node) {
      var off = (state.cat && node.getAttribute("data-cat") !== state.cat) ||
        (rule && (node.getAttribute("data-rule") !== rule.id || node.getAttribute("data-cat") !== rule.c));
      node.classList.toggle("faded", !!off);
    });
  }
  function nextRemoval() {
    var doc = $("doc");
    if (!doc || doc.hidden) return;
    var all = Array.prototype.filter.call(doc.querySelectorAll("del.rm"), function (n) { return !n.classList.contains("faded"); });
    if (!all.length) return;
    var i = all.indexOf(document.activeElement);
    var target = all[(i + 1) % all.length];
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
  function step(delta) {
    var f = BY_ID[state.open];
    var pos = f ? shown.indexOf(f) : -1;
    var next = shown[pos + delta] || (pos < 0 ? shown[0] : null);
    if (!next) return;
    var page = Math.floor(shown.indexOf(next) / PAGE_SIZE);
    if (page !== state.page) { state.page = page; renderList(); }
    location.hash = "f=" + next.d;
  }

  /* ---- tooltip on hover and keyboard focus ---- */
  var tip = $("tip");
  var tipAnchor = null;
  function tipFor(node) {
    var d = $("doc") && $("doc").cleanerDetail;
    if (!d) return null;
    var box = document.createDocumentFragment();
    if (node.hasAttribute("data-rm")) {
      var r = d.removals[+node.getAttribute("data-rm")];
      box.appendChild(el("b", {}, r.c + " · ", el("code", { class: "tip-rule", text: r.r })));
      box.appendChild(el("span", { class: "tip-why", text: r.why }));
      box.appendChild(el("div", { text: "line " + r.line + " · stage " + r.stage }));
    } else {
      var q = d.repairs[+node.getAttribute("data-rp")];
      box.appendChild(el("b", { text: "repaired: " + q.kind }));
      box.appendChild(el("div", { text: JSON.stringify(q.before) + " → " + JSON.stringify(q.after) +
        (q.count > 1 ? " (×" + q.count + ")" : "") }));
      if (q.steps.length) box.appendChild(el("div", { text: q.steps.map(function (s) { return s.join(" "); }).join(", ") }));
    }
    return box;
  }
  function showTip(node) {
    var content = tipFor(node);
    if (!content) return;
    tip.textContent = "";
    tip.appendChild(content);
    tip.hidden = false;
    tipAnchor = node;
    node.setAttribute("aria-describedby", "tip");
    placeTip(node);
  }
  function placeTip(node) {
    var rect = node.getBoundingClientRect();
    var left = Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + "px";
    var below = rect.bottom + 6 + tip.offsetHeight <= document.documentElement.clientHeight || rect.top < tip.offsetHeight + 6;
    tip.style.top = (below ? rect.bottom + 6 : rect.top - tip.offsetHeight - 6) + window.scrollY + "px";
  }
  function hideTip(node) {
    tip.hidden = true;
    tipAnchor = null;
    if (node) node.removeAttribute("aria-describedby");
  }
  function marked(target) { return target && target.closest ? target.closest("del.rm, mark.repair") : null; }
  document.addEventListener("mouseover", function (e) { var n = marked(e.target); if (n) showTip(n); });
  document.addEventListener("mouseout", function (e) {
    var n = marked(e.target);
    if (n && !n.contains(e.relatedTarget) && document.activeElement !== n) hideTip(n);
  });
  document.addEventListener("focusin", function (e) { var n = marked(e.target); if (n) showTip(n); });
  document.addEventListener("focusout", function (e) { var n = marked(e.target); if (n) hideTip(n); });
  function followTip() { if (tipAnchor && tipAnchor.isConnected) placeTip(tipAnchor); else if (tipAnchor) hideTip(null); }
  $("detail").addEventListener("scroll", followTip, { passive: true });
  window.addEventListener("scroll", followTip, { passive: true });
  window.addEventListener("resize", followTip);

  /* ---- wiring ---- */
  var timer = null;
  $("q").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = $("q").value.trim().toLowerCase(); refilter(); }, 120);
  });
  $("f-cat").addEventListener("change", function () { setCat($("f-cat").value); });
  $("f-rule").addEventListener("change", function () { setRule($("f-rule").value); });
  $("f-only").addEventListener("change", function () { setOnly($("f-only").value); });
  $("f-sort").addEventListener("change", function () { state.sort = $("f-sort").value; refilter(); });
  $("f-clear").addEventListener("click", function () {
    $("q").value = ""; state.q = ""; state.cat = ""; state.rule = ""; state.only = ""; state.sort = "suspicious";
    $("f-cat").value = ""; $("f-rule").value = ""; $("f-only").value = ""; $("f-sort").value = "suspicious";
    refilter();
  });
  $("prev").addEventListener("click", function () { state.page -= 1; renderList(); });
  $("next").addEventListener("click", function () { state.page += 1; renderList(); });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Escape") { hideTip(marked(document.activeElement)); return; }
    if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA"))) return;
    if (e.key === "/") { e.preventDefault(); $("q").focus(); }
    else if (e.key === "j") step(1);
    else if (e.key === "k") step(-1);
    else if (e.key === "n") nextRemoval();
    else if (e.key === "c") setView(state.view === "clean" ? "marked" : "clean");
  });
  function route() {
    var m = /^#f=(\d+)(?:&r=([^&]*))?$/.exec(location.hash);
    if (m) openFile(+m[1], m[2] ? decodeURIComponent(m[2]) : null);
  }
  window.addEventListener("hashchange", route);

  renderSummary();
  refilter();
  route();
  document.documentElement.setAttribute("data-ready", "true");
})();
