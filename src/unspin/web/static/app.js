// unspin's page. Plain JavaScript, no framework, nothing from the network.
//
// Article text is untrusted: it only ever reaches the page through text nodes
// (textContent, createTextNode) and attributes set one by one, never as HTML.
//
// Two ways to run: served by `unspin serve` (the JSON API behind it, views chosen by the
// URL's #hash), or inside a page written by `unspin trace --html`, which embeds one trace
// as JSON (in the script element with id "unspin-trace") and shows only that.
(function () {
  "use strict";

  const KINDS = ["verbatim", "spun", "paraphrase"];
  const DIRECTION = { source: "it may come from this", copy: "this copied it" };
  const PAGE = 50;

  // --- small helpers -------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function pct(share) { return (100 * share).toFixed(1) + "%"; }
  function docLink(id) { return "#/document/" + encodeURIComponent(id); }
  function name(summary) { return summary && summary.title ? summary.title : summary ? summary.id : ""; }
  // What to call an article with no title: its first line, as a reader would.
  function heading(article) {
    if (article.title) return article.title;
    const first = (article.text || "").trim().split("\n")[0].trim();
    return first ? (first.length > 120 ? first.slice(0, 119) + "…" : first) : article.id;
  }

  async function api(path, options) {
    const response = await fetch(path, options);
    let body = null;
    try { body = await response.json(); } catch (err) { body = null; }
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
      throw new Error(detail + " (HTTP " + response.status + ")");
    }
    return body;
  }

  function showError(container, err) {
    container.replaceChildren(el("p", { class: "error", role: "alert", text: String(err.message || err) }));
  }

  // --- marked text: a text cut at every mark boundary, each piece with its marks --------

  // marks: [{start, end, cls, p (passage number), title}]; returns a DocumentFragment.
  function marked(text, marks) {
    const kept = marks
      .map((m) => Object.assign({}, m, { start: Math.max(0, m.start), end: Math.min(text.length, m.end) }))
      .filter((m) => m.start < m.end);
    const cuts = new Set([0, text.length]);
    for (const m of kept) { cuts.add(m.start); cuts.add(m.end); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [start, end] = [points[i], points[i + 1]];
      const covering = kept.filter((m) => m.start <= start && end <= m.end);
      const piece = text.slice(start, end);
      if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
      const classes = new Set(covering.flatMap((m) => m.cls.split(" ")));
      const passages = covering.filter((m) => m.p !== undefined).map((m) => m.p);
      const starting = covering.filter((m) => m.p !== undefined && m.start === start).map((m) => m.p + 1);
      const titles = [...new Set(covering.map((m) => m.title).filter(Boolean))];
      out.append(el("span", {
        class: [...classes].join(" "),
        "data-p": passages.length ? passages.join(" ") : null,
        "data-n": starting.length ? starting.join(",") : null,
        title: titles.length ? titles.join("\n") : null,
      }, piece));
    }
    return out;
  }

  // Where each substituted word of a passage is, in one side's text: searched in order
  // inside the passage, as a whole word.
  function wordSpans(text, start, end, words) {
    const found = [];
    let from = start;
    for (const word of words) {
      const at = findWord(text, word, from, end);
      if (at < 0) continue;
      found.push([at, at + word.length]);
      from = at + word.length;
    }
    return found;
  }

  function findWord(text, word, from, end) {
    const isWord = (ch) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
    const hay = text.slice(0, end).toLowerCase();
    const needle = word.toLowerCase();
    for (let at = hay.indexOf(needle, from); at >= 0; at = hay.indexOf(needle, at + 1)) {
      if (!isWord(text[at - 1]) && !isWord(text[at + word.length])) return at;
    }
    return -1;
  }

  function passageMarks(passages, side) {
    const marks = [];
    passages.forEach((p, i) => {
      const [start, end] = side === "a" ? [p.a_start, p.a_end] : [p.b_start, p.b_end];
      const text = side === "a" ? p.a_text : p.b_text;
      marks.push({ start, end, cls: "p k-" + p.kind, p: i, title: "passage " + (i + 1) + ": " + p.kind + ", similarity " + p.similarity.toFixed(2) });
      if (text === null) return;
      const mine = p.substitutions.map((s) => (side === "a" ? s[0] : s[1]));
      const words = wordSpans(side === "a" ? articleText : sourceText, start, end, mine);
      words.forEach(([s, e], j) => {
        const [x, y] = p.substitutions[j];
        marks.push({ start: s, end: e, cls: "sub", title: "substituted: " + x + " → " + y });
      });
    });
    return marks;
  }

  // The texts the marks of the view being drawn point into.
  let articleText = "";
  let sourceText = "";

  function legend() {
    return el("div", { class: "legend", "aria-label": "legend" },
      ...KINDS.map((k) => el("span", {}, el("span", { class: "sw k-" + k, text: k }))),
      el("span", {}, el("span", { class: "sw k-spun" }, el("span", { class: "sub", text: "substituted word" }))),
      el("span", {}, el("span", { class: "sw ins", text: "inserted (not from the source)" })),
      el("span", {}, el("span", { class: "sw bp", text: "boilerplate" })),
      el("span", { class: "muted", text: "Click a passage to find it on the other side." }));
  }

  // --- the trace view ------------------------------------------------------------------

  function renderTrace(container, record, offline) {
    const article = record.article;
    articleText = article.text || "";
    const best = record.sources[0];
    const head = el("section", { id: "summary" },
      el("h1", { text: heading(article) }),
      el("p", { class: "muted", text: [article.site, article.date, article.url].filter(Boolean).join(" · ") }),
      el("p", { text: record.sources.length
        ? record.sources.length + " source(s) found; the best explains " + pct(best.matched) + " of the article."
        : "No source found in the index: " + record.candidates + " candidate(s), none sharing passages." }));
    container.replaceChildren(head);
    if (record.sources.length) container.append(sourceTable(record, offline));
    container.append(legend());
    const sbs = el("section", { class: "sbs", id: "side-by-side" });
    container.append(sbs);
    const select = (i) => {
      for (const row of container.querySelectorAll("#sources tbody tr")) row.classList.toggle("sel", row.dataset.i === String(i));
      drawSideBySide(sbs, record, record.sources[i], offline);
    };
    container.querySelectorAll("#sources tbody tr").forEach((row) => row.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      select(Number(row.dataset.i));
    }));
    select(0);
    container.append(marksList(record));
    if (record.family) {
      const summaries = Object.fromEntries(record.sources.map((s) => [s.id, s]));
      summaries[article.id] = { title: heading(article) };
      container.append(familySection(record.family, record.family_links, article.id, offline, summaries));
    }
  }

  function sourceTable(record, offline) {
    const rows = record.sources.map((s, i) => el("tr", { "data-i": i },
      el("td", { class: "num", text: String(i + 1) }),
      el("td", {}, offline ? el("span", { text: name(s) }) : el("a", { href: docLink(s.id), text: name(s) }),
        el("div", { class: "muted", text: s.id })),
      el("td", { text: s.site || "" }),
      el("td", { class: "num", text: s.date || "" }),
      el("td", { text: s.relation }),
      el("td", { text: s.direction ? DIRECTION[s.direction] : "—" }),
      el("td", { class: "num matched" }, el("span", { class: "bar" }, el("span", { style: "width:" + (100 * s.matched).toFixed(1) + "%" })), pct(s.matched)),
      el("td", { class: "num", text: String(s.words) })));
    return el("table", { id: "sources" },
      el("thead", {}, el("tr", {}, ...["#", "source", "site", "date", "relation", "direction", "article matched", "words"].map((h) => el("th", { text: h })))),
      el("tbody", {}, ...rows));
  }

  function drawSideBySide(container, record, source, offline) {
    const article = record.article;
    const marks = [];
    for (const s of record.inserted) {
      const how = (s.source ? "explained by " + s.source : "unattributed") + ", " + (s.off_topic ? "off-topic" : "on-topic");
      marks.push({ start: s.start, end: s.end, cls: "ins", title: "inserted: " + how + " (" + s.score.toFixed(2) + ")" });
    }
    for (const b of record.boilerplate) marks.push({ start: b.start, end: b.end, cls: "bp", title: "boilerplate: " + b.kind + " (" + b.evidence + ")" });
    const left = el("div", { class: "col" }, el("div", { class: "colhead" }, el("b", { text: "Article " }), heading(article)));
    const right = el("div", { class: "col" });
    const leftDoc = el("div", { class: "doc", "data-side": "a", id: "article-text" });
    const rightDoc = el("div", { class: "doc", "data-side": "b", id: "source-text" });
    if (source) {
      const passages = source.passages;
      sourceText = textOfSource(source);
      marks.push(...passageMarks(passages, "a"));
      rightDoc.append(marked(sourceText, passageMarks(passages, "b")));
      const title = el("div", { class: "colhead" }, el("b", { text: "Source " }),
        offline ? name(source) : el("a", { href: docLink(source.id), text: name(source) }),
        " — " + pct(source.matched) + " of the article, " + source.words + " words");
      right.append(title, rightDoc);
    } else {
      right.append(el("div", { class: "colhead", text: "No source to compare with." }));
    }
    leftDoc.append(marked(articleText, marks));
    left.append(leftDoc);
    container.replaceChildren(left, right);
    linkSides(leftDoc, rightDoc);
  }

  // The source's whole text: fetched beside the trace (served), or embedded with it
  // (`unspin trace --html`).
  function textOfSource(source) { return sourceTexts[source.id] || ""; }
  let sourceTexts = {};

  function linkSides(left, right) {
    const spansOf = (side, number) => [...side.querySelectorAll("[data-p]")]
      .filter((s) => s.getAttribute("data-p").split(" ").includes(number));
    const jump = (from, to) => from.addEventListener("click", (ev) => {
      const span = ev.target.closest("[data-p]");
      if (!span) return;
      const number = span.getAttribute("data-p").split(" ")[0];
      for (const old of document.querySelectorAll(".doc .flash")) old.classList.remove("flash");
      const theirs = spansOf(to, number);
      [...spansOf(from, number), ...theirs].forEach((s) => s.classList.add("flash"));
      if (theirs.length) to.scrollTop = theirs[0].offsetTop - to.clientHeight / 3;
    });
    jump(left, right);
    jump(right, left);
  }

  function marksList(record) {
    const text = record.article.text || "";
    const section = el("section", { id: "marks" });
    section.append(el("h2", { text: "Inserted in the article (" + record.inserted.length + ")" }));
    section.append(el("ul", { class: "marks", id: "inserted" }, ...record.inserted.map((s) => el("li", {},
      el("span", { class: "sw ins", text: s.source ? "from " + s.source : "unattributed" }), " ",
      el("span", { class: "muted", text: (s.off_topic ? "off-topic" : "on-topic") + " (" + s.score.toFixed(2) + "): " }),
      text.slice(s.start, s.end)))));
    section.append(el("h2", { text: "Boilerplate (" + record.boilerplate.length + ")" }));
    section.append(el("ul", { class: "marks", id: "boilerplate" }, ...record.boilerplate.map((b) => el("li", {},
      el("span", { class: "sw bp", text: b.kind }), " ", text.slice(b.start, b.end)))));
    return section;
  }

  // --- the family graph: the original in the middle, others on rings by distance --------

  function familySection(family, links, me, offline, summaries) {
    const section = el("section", { id: "family" },
      el("h2", { text: "Family " + family.id + ": " + family.members.length + " articles" }),
      el("p", { class: "muted", text: "Arrows point from a source to its copy; dashed lines join articles whose order nothing says. The thick ring is the likely original: " + family.original + "." }));
    section.append(familyGraph(family, links, me, offline, summaries || {}));
    return section;
  }

  function familyGraph(family, links, me, offline, summaries) {
    return window.unspinGraph.familyGraph(family, links, {
      me: me, titles: summaries, href: offline ? null : docLink,
    });
  }

  // --- the views of `unspin serve` -------------------------------------------------------

  function traceView(view) {
    const text = el("textarea", { id: "article-text-input", name: "text", placeholder: "Paste the article's text here, or its page's HTML.", "aria-label": "article text" });
    const file = el("input", { type: "file", id: "article-file", accept: ".txt,.html,.htm,text/plain,text/html" });
    const field = (id, label, attrs) => el("label", {}, label + " ", el("input", Object.assign({ id: id }, attrs)));
    const form = el("form", { class: "trace", id: "trace-form" },
      el("h1", { text: "Where did this article come from?" }),
      el("p", { class: "muted", text: "Paste an article or upload a saved page; unspin looks for its sources in the index and shows what was copied, reworded and added." }),
      text,
      el("div", { class: "row" }, el("label", {}, "or upload a file ", file)),
      el("div", { class: "row" },
        field("article-title", "title", { type: "text", size: 30 }),
        field("article-url", "url", { type: "text", size: 30 }),
        field("article-date", "published", { type: "date" })),
      el("div", { class: "row" },
        field("min-words", "ignore matches under", { type: "number", min: 0, value: 0, style: "width:4.5rem" }),
        el("span", { text: "words" }),
        el("label", {}, el("input", { type: "checkbox", id: "exclude-quotes" }), " exclude quotations"),
        field("before", "only sources before", { type: "date" }),
        field("exclude-site", "exclude site", { type: "text", size: 16 })),
      el("div", { class: "row" }, el("button", { type: "submit", id: "trace-button", text: "Trace" }), el("span", { id: "trace-status", class: "muted" })));
    const result = el("div", { id: "result" });
    view.replaceChildren(form, result);
    let uploaded = null;
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      uploaded = chosen ? { name: chosen.name, data: await chosen.text() } : null;
      if (uploaded) text.value = "";
    });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = uploaded && !text.value.trim() ? uploaded.data : text.value;
      const html = uploaded && !text.value.trim() ? /\.html?$/i.test(uploaded.name) || /^\s*</.test(data) : /^\s*</.test(data);
      const value = (id) => document.getElementById(id).value.trim() || undefined;
      const body = {
        [html ? "html" : "text"]: data,
        title: value("article-title"), url: value("article-url"), date: value("article-date"),
        min_words: Number(value("min-words") || 0),
        exclude_quotes: document.getElementById("exclude-quotes").checked,
        before: value("before"),
        exclude_sites: value("exclude-site") ? [value("exclude-site")] : [],
      };
      const status = document.getElementById("trace-status");
      status.textContent = "Tracing…";
      try {
        const record = await api("api/trace", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        sourceTexts = await fetchTexts(record);
        status.textContent = "";
        renderTrace(result, record, false);
      } catch (err) {
        status.textContent = "";
        showError(result, err);
      }
    });
  }

  // The whole texts of the sources, so the right-hand side shows each source entire.
  async function fetchTexts(record) {
    const texts = {};
    await Promise.all(record.sources.map(async (s) => {
      const doc = await api("api/documents/" + encodeURIComponent(s.id));
      texts[s.id] = doc.text || "";
    }));
    return texts;
  }

  async function documentView(view, id) {
    view.replaceChildren(el("p", { class: "muted", text: "Tracing " + id + "…" }));
    try {
      const record = await api("api/documents/" + encodeURIComponent(id) + "/trace");
      sourceTexts = await fetchTexts(record);
      renderTrace(view, record, false);
    } catch (err) { showError(view, err); }
  }

  async function documentsView(view, params) {
    const q = params.get("q") || "", offset = Number(params.get("offset") || 0), site = params.get("site");
    const search = el("input", { type: "search", id: "document-search", value: q, placeholder: "id or title", "aria-label": "search documents" });
    const form = el("form", { class: "pager" }, search, el("button", { type: "submit", text: "Search" }));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = "#/documents?q=" + encodeURIComponent(search.value); });
    const list = el("div", { id: "documents" }, el("p", { class: "muted", text: "Loading…" }));
    view.replaceChildren(el("h1", { text: "Documents" }), form, list);
    try {
      const of = site === null ? "" : "&site=" + encodeURIComponent(site);
      const page = await api("api/documents?q=" + encodeURIComponent(q) + of + "&offset=" + offset + "&limit=" + PAGE);
      const rows = page.documents.map((d) => el("tr", {}, el("td", {}, el("a", { href: docLink(d.id), text: d.id })), el("td", { text: d.title || "" }), el("td", { text: d.site || "" }), el("td", { class: "num", text: d.date || "" })));
      list.replaceChildren(el("p", { class: "muted", text: page.total + " document(s)" + (site === null ? "" : " of " + site) }),
        el("table", {}, el("thead", {}, el("tr", {}, ...["id", "title", "site", "date"].map((h) => el("th", { text: h })))), el("tbody", {}, ...rows)),
        pager(page.total, offset, (o) => "#/documents?q=" + encodeURIComponent(q) + of + "&offset=" + o));
    } catch (err) { showError(list, err); }
  }

  async function familiesView(view, params) {
    const offset = Number(params.get("offset") || 0);
    view.replaceChildren(el("h1", { text: "Families" }), el("p", { class: "muted", text: "Loading…" }));
    try {
      const page = await api("api/families?offset=" + offset + "&limit=" + PAGE);
      if (!page.total) {
        view.replaceChildren(el("h1", { text: "Families" }), el("p", { text: "No families yet: families come from a scan of the index's articles (unspin scan INPUT… --out DIR --db INDEX)." }));
        return;
      }
      const rows = page.families.map((f) => el("tr", {}, el("td", {}, el("a", { href: "#/family/" + encodeURIComponent(f.id), text: f.id })), el("td", { class: "num", text: String(f.members.length) }), el("td", {}, el("a", { href: docLink(f.original), text: f.original }))));
      view.replaceChildren(el("h1", { text: "Families" }), el("p", { class: "muted", text: page.total + " families, the largest first" }),
        el("table", { id: "families" }, el("thead", {}, el("tr", {}, ...["family", "articles", "likely original"].map((h) => el("th", { text: h })))), el("tbody", {}, ...rows)),
        pager(page.total, offset, (o) => "#/families?offset=" + o));
    } catch (err) { showError(view, err); }
  }

  async function familyView(view, id) {
    try {
      const found = await api("api/families/" + encodeURIComponent(id));
      const summaries = Object.fromEntries(found.members.map((m) => [m.id, m]));
      const rows = found.members.map((m) => el("tr", {}, el("td", {}, el("a", { href: docLink(m.id), text: m.id }), m.id === found.family.original ? " ★ likely original" : ""), el("td", { text: m.title || "" }), el("td", { text: m.site || "" }), el("td", { class: "num", text: m.date || "" })));
      view.replaceChildren(familySection(found.family, found.links, null, false, summaries),
        el("table", {}, el("thead", {}, el("tr", {}, ...["article", "title", "site", "date"].map((h) => el("th", { text: h })))), el("tbody", {}, ...rows)));
    } catch (err) { showError(view, err); }
  }

  // --- sites: the farm scores of the last scan ----------------------------------------

  // One colour per part of the farm score, as in the scan's report.html (unspin.sites).
  const SITE_PARTS = { reused: "#d9534f", spun: "#f0ad4e", boilerplate: "#9b8bd6", spliced: "#5bc0de" };
  const SITES_IN_CHART = 30;
  const svg = window.unspinGraph.svg;  // graph.js's builder: text children as text nodes

  // Horizontal bars, one per site, each cut into the parts of its farm score.
  function siteChart(records) {
    const shown = records.slice(0, SITES_IN_CHART);
    const [label, width, row] = [220, 420, 18];
    const chart = svg("svg", { id: "site-chart", class: "graph", width: label + width + 60, height: shown.length * row + 10, role: "img", "aria-label": "farm scores of the sites" });
    shown.forEach((r, i) => {
      const y = 5 + i * row;
      const name = svg("text", { x: label - 6, y: y + 12, "text-anchor": "end" }, r.site.length > 32 ? r.site.slice(0, 31) + "…" : r.site);
      const group = svg("g", { class: "site-bar", "data-site": r.site }, name);
      let x = label;
      for (const part of r.evidence) {
        const w = part.value * part.weight * width;
        if (w <= 0) continue;
        const rect = svg("rect", { x: x, y: y, width: w, height: row - 4, fill: SITE_PARTS[part.signal] || "#999" });
        rect.append(svg("title", {}, part.signal + ": " + pct(part.value) + " × weight " + part.weight));
        group.append(rect);
        x += w;
      }
      group.append(svg("text", { x: x + 4, y: y + 12 }, r.farm_score.toFixed(2)));
      chart.append(group);
    });
    return chart;
  }

  async function sitesView(view) {
    view.replaceChildren(el("h1", { text: "Sites" }), el("p", { class: "muted", text: "Loading…" }));
    try {
      const records = await api("api/sites/scores");
      if (!records.length) {
        view.replaceChildren(el("h1", { text: "Sites" }), el("p", { text: "No site scores yet: they come from a scan of the index's articles (unspin scan INPUT… --out DIR --db INDEX), for the articles that have a site." }));
        return;
      }
      const legendRow = el("div", { class: "legend" }, ...Object.entries(SITE_PARTS).map(([k, c]) => el("span", {}, el("span", { class: "sw", style: "background:" + c, text: k }))),
        el("span", { class: "muted", text: "Bar length: the content-farm score (0-1), made of these parts." }));
      const rows = records.map((r) => el("tr", {},
        el("td", {}, el("a", { href: "#/documents?site=" + encodeURIComponent(r.site), text: r.site })),
        el("td", { class: "num", text: String(r.articles) }),
        ...["reused", "spun", "spliced", "boilerplate"].map((k) => el("td", { class: "num", text: pct(r[k]) })),
        el("td", { class: "num", text: r.median_delay_days === null ? "" : String(r.median_delay_days) }),
        el("td", { class: "num", text: r.farm_score.toFixed(3) })));
      view.replaceChildren(el("h1", { text: "Sites" }),
        el("p", { class: "muted", text: records.length + (records.length === 1 ? " site" : " sites") + " of the last scan, the likeliest content farms first" }),
        legendRow, siteChart(records),
        el("table", { id: "sites" }, el("thead", {}, el("tr", {}, ...["site", "articles", "reused", "spun", "spliced", "boilerplate", "median delay (days)", "farm score"].map((h) => el("th", { text: h })))), el("tbody", {}, ...rows)));
    } catch (err) { showError(view, err); }
  }

  function pager(total, offset, href) {
    const bar = el("div", { class: "pager" });
    if (offset > 0) bar.append(el("a", { href: href(Math.max(0, offset - PAGE)), text: "← previous" }));
    bar.append(el("span", { class: "muted", text: (total ? offset + 1 : 0) + "–" + Math.min(total, offset + PAGE) + " of " + total }));
    if (offset + PAGE < total) bar.append(el("a", { href: href(offset + PAGE), text: "next →" }));
    return bar;
  }

  async function showStats() {
    try {
      const s = await api("api/stats");
      document.getElementById("stats").textContent = s.documents + " documents · " + s.sites + " sites · " + s.families + " families";
    } catch (err) { document.getElementById("stats").textContent = ""; }
  }

  function route() {
    const view = document.getElementById("view");
    const [path, query] = (location.hash.replace(/^#/, "") || "/").split("?");
    const params = new URLSearchParams(query || "");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    const section = parts[0] || "trace";
    for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("on", a.dataset.nav === section || (section === "document" && a.dataset.nav === "documents") || (section === "family" && a.dataset.nav === "families"));
    if (section === "document") return documentView(view, parts.slice(1).join("/"));
    if (section === "documents") return documentsView(view, params);
    if (section === "families") return familiesView(view, params);
    if (section === "family") return familyView(view, parts.slice(1).join("/"));
    if (section === "sites") return sitesView(view);
    return traceView(view);
  }

  const embedded = document.getElementById("unspin-trace");
  if (embedded) {
    const data = JSON.parse(embedded.textContent);
    sourceTexts = data.source_texts || {};
    renderTrace(document.getElementById("view"), data.trace, true);
  } else {
    window.addEventListener("hashchange", route);
    showStats();
    route();
  }
})();
