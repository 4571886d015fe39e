// The family graph of unspin's pages: the likely original in the middle, the other
// articles on rings by their distance from it, arrows from a source to its copy. Shared by
// the served page, `unspin trace --html` and a scan's report.html. Labels are text nodes:
// titles are untrusted.
(function () {
  "use strict";

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    for (const child of children) node.append(typeof child === "string" ? document.createTextNode(child) : child);
    return node;
  }

  // family: {id, members, original}; links: [{a, b, relation, score, direction}];
  // options: me (the article traced, drawn apart), titles ({id: {title}}), href (id -> link,
  // or null for no links).
  function familyGraph(family, links, options) {
    const me = options.me, summaries = options.titles || {}, href = options.href;
    const neighbours = new Map(family.members.map((m) => [m, []]));
    for (const l of links) {
      if (neighbours.has(l.a) && neighbours.has(l.b)) { neighbours.get(l.a).push(l.b); neighbours.get(l.b).push(l.a); }
    }
    const hops = new Map([[family.original, 0]]);
    const queue = [family.original];
    while (queue.length) {
      const at = queue.shift();
      for (const next of neighbours.get(at) || []) if (!hops.has(next)) { hops.set(next, hops.get(at) + 1); queue.push(next); }
    }
    let far = Math.max(0, ...hops.values());
    for (const m of family.members) if (!hops.has(m)) hops.set(m, far + 1);
    far = Math.max(0, ...hops.values());
    // Ring h lies at least RING further out than ring h-1, and is long enough to give each
    // of its articles SPACING pixels; labels are left out on crowded rings (the tooltips stay).
    const RING = 120, SPACING = 34, PAD = 80, LABELLED = 24;
    const rings = [];
    for (let h = 0; h <= far; h++) rings.push(family.members.filter((m) => hops.get(m) === h).sort());
    const radii = [0];
    for (let h = 1; h <= far; h++) radii.push(Math.max(radii[h - 1] + RING, (rings[h].length * SPACING) / (2 * Math.PI)));
    const size = 2 * (radii[far] + PAD), centre = size / 2, place = new Map(), labelled = new Set();
    rings.forEach((on, h) => on.forEach((m, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / on.length + h * 0.35;
      place.set(m, [centre + radii[h] * Math.cos(angle), centre + radii[h] * Math.sin(angle)]);
      if (on.length <= LABELLED || m === family.original || m === me) labelled.add(m);
    }));
    const drawing = svg("svg", { class: "graph", id: "family-graph", viewBox: "0 0 " + size + " " + size, width: Math.min(size, 900), role: "img", "aria-label": "family graph" });
    drawing.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }))));
    const radius = 14;
    for (const l of links) {
      if (!place.has(l.a) || !place.has(l.b)) continue;
      const [from, to] = l.direction === "b->a" ? [l.b, l.a] : [l.a, l.b];
      const [x1, y1] = place.get(from), [x2, y2] = place.get(to);
      const d = Math.hypot(x2 - x1, y2 - y1) || 1, ux = (x2 - x1) / d, uy = (y2 - y1) / d;
      const line = svg("line", { x1: x1 + ux * radius, y1: y1 + uy * radius, x2: x2 - ux * radius, y2: y2 - uy * radius, class: l.direction ? "directed" : "undirected", "data-a": from, "data-b": to });
      if (l.direction) line.setAttribute("marker-end", "url(#arrow)");
      line.append(svg("title", {}, l.a + " – " + l.b + ": " + l.relation + ", score " + l.score.toFixed(2)));
      drawing.append(line);
    }
    for (const m of family.members) {
      const [x, y] = place.get(m);
      const cls = ["node", m === family.original ? "original" : "", m === me ? "me" : ""].join(" ").trim();
      const label = (summaries[m] && summaries[m].title) || m;
      const short = label.length > 28 ? label.slice(0, 27) + "…" : label;
      const text = svg("text", { x: x, y: y + radius + 13, "text-anchor": "middle" }, labelled.has(m) ? (m === family.original ? "★ " : "") + short : "");
      const group = svg("g", { class: cls, "data-id": m }, svg("circle", { cx: x, cy: y, r: radius }), svg("title", {}, label + (label !== m ? " (" + m + ")" : "") + (m === family.original ? ", the likely original" : "")));
      if (href && m !== me) {
        const link = svg("a", { href: href(m) });
        link.append(text);
        group.append(link);
      } else group.append(text);
      drawing.append(group);
    }
    return drawing;
  }

  window.unspinGraph = { familyGraph: familyGraph, svg: svg };
})();
