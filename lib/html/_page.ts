/**
 * The stylesheet and script of an HTML run report: plain DOM, SVG and canvas, no dependency. The
 * script reads the report's data from `<script id="data" type="application/json">`.
 *
 * With `#selftest` in the address the page checks itself after drawing (every movie's steps and
 * cells against its data, a slider moved to the middle step, no error, no horizontal overflow)
 * and writes the result as JSON into `<pre id="selftest">`, for a headless browser to read.
 * `#step=K` opens every movie at step K.
 *
 * @module
 */

/** The page's stylesheet. */
export const PAGE_STYLE = `
:root { --ink:#1d2433; --mute:#5b6476; --line:#d9dee8; --bg:#f6f7fb; --card:#fff; --accent:#2457d6;
  --add:#e3f6e8; --del:#fde4e4; --chg:#fff3d6; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font-size: 14px; line-height: 1.45; }
header { padding: 18px 24px; background: #111827; color: #f5f7ff; }
header h1 { margin: 0 0 4px; font-size: 20px; font-weight: 650; overflow-wrap: anywhere; }
header .sub { color: #c7cde0; overflow-wrap: anywhere; }
main { padding: 16px 24px 40px; max-width: 1200px; margin: 0 auto; }
section { margin: 18px 0; }
h2 { font-size: 16px; margin: 0 0 10px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin: 12px 0;
  box-shadow: 0 1px 2px rgba(20,30,60,.05); overflow: hidden; }
.card h3 { margin: 0 0 6px; font-size: 15px; overflow-wrap: anywhere; }
.mono, code, td, .entries { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.mute { color: var(--mute); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; background: #eef2ff; color: #3730a3; margin-left: 6px; }
.badge.fatal { background: #fee2e2; color: #991b1b; } .badge.ok { background: #dcfce7; color: #166534; }
.badge.moved { background: #fff7ed; color: #9a3412; }
table.header { border-collapse: collapse; margin: 8px 0; max-width: 100%; display: block; overflow-x: auto; }
table.header td { border-top: 1px solid var(--line); padding: 3px 10px 3px 0; white-space: nowrap; }
table.header td:first-child { color: var(--mute); cursor: help; }
.tools { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
input[type=search] { padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 0; flex: 1 1 160px; max-width: 320px; }
button { padding: 5px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
button:hover { border-color: var(--accent); }
.scroll { height: 300px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; position: relative; }
.scroll .spacer { position: relative; }
.row { position: absolute; left: 0; right: 0; height: 22px; display: grid; grid-template-columns: minmax(0,1fr) minmax(0,1fr);
  gap: 12px; padding: 2px 8px; border-bottom: 1px solid #f0f2f7; white-space: nowrap; }
.row span { overflow: hidden; text-overflow: ellipsis; }
.thead { display: grid; grid-template-columns: minmax(0,1fr) minmax(0,1fr); gap: 12px; padding: 4px 8px; font-weight: 600; }
.thead span { cursor: pointer; user-select: none; }
.movie .controls { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.movie input[type=range] { flex: 1 1 200px; min-width: 120px; }
.movie .state { margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.movie canvas { display: block; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.legend { display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; color: var(--mute); margin: 6px 0; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 4px; }
svg.chart { width: 100%; height: 170px; display: block; }
.event { color: #9a3412; }
.diff { display: grid; grid-template-columns: minmax(0,1fr) minmax(0,1fr); gap: 12px; }
.diff div.e { padding: 1px 6px; border-radius: 4px; overflow-wrap: anywhere; }
.e.added { background: var(--add); } .e.removed { background: var(--del); } .e.changed { background: var(--chg); }
ol.timeline { padding-left: 20px; } ol.timeline li { margin: 4px 0; overflow-wrap: anywhere; }
pre.out { max-height: 200px; overflow: auto; background: #0f172a; color: #e2e8f0; padding: 10px; border-radius: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 640px) { main { padding: 10px; } header { padding: 14px; } .diff { grid-template-columns: 1fr; } }
`;

/** The page's script. */
export const PAGE_SCRIPT = String.raw`
"use strict";
const scriptStart = performance.now();
const errors = [];
addEventListener("error", (e) => errors.push(String(e.message)));
const consoleError = console.error.bind(console);
console.error = (...a) => { errors.push(a.map(String).join(" ")); consoleError(...a); };
const dataElement = document.getElementById("data");
const D = JSON.parse(dataElement.textContent);
dataElement.remove(); // the parsed data is all the page needs; the DOM need not keep the text
const $ = (tag, attrs = {}, ...kids) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") el.className = v; else if (k === "text") el.textContent = v; else el.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) el.append(k);
  return el;
};
const NS = "http://www.w3.org/2000/svg";
const svg = (tag, attrs) => { const el = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); return el; };
const main = document.querySelector("main");

// the run
{
  const s = $("section", {}, $("h2", { text: "The run" }));
  const c = $("div", { class: "card" });
  c.append($("div", {}, $("b", { text: D.run.program }), " ", $("span", { class: "mute", text: D.run.end })));
  if (D.run.panic) c.append($("div", { class: "mono" }, D.run.panic.kind + ": " + D.run.panic.message,
    $("span", { class: "badge fatal", text: "printed to " + D.run.panic.stream })));
  if (D.run.hooks) c.append($("div", { class: "mute", text: "hooks: " + D.run.hooks }));
  if (D.panics.length) {
    const ol = $("ol", { class: "timeline" });
    for (const p of D.panics) {
      ol.append($("li", {}, $("span", { class: "mono", text: "panic(" + (p.type ? p.type + ": " : "") + p.value + ")" }),
        $("span", { class: "badge " + (p.recovered ? "ok" : "fatal"), text: p.recovered ? "recovered" : "fatal" })));
    }
    c.append($("div", { class: "mute", text: "panics seen at their first instruction:" }), ol);
  }
  if (D.run.stdout) c.append($("details", {}, $("summary", { class: "mute", text: "the program's output (end)" }), $("pre", { class: "out", text: D.run.stdout })));
  s.append(c);
  main.append(s);
}

// a virtual table of entries: only the visible rows exist
function entriesTable(keys, vals, marks) {
  const ROW = 22;
  const wrap = $("div");
  const search = $("input", { type: "search", placeholder: "filter keys and values" });
  const count = $("span", { class: "mute" });
  const head = $("div", { class: "thead" }, $("span", { text: "key ↕" }), $("span", { text: "value ↕" }));
  const scroll = $("div", { class: "scroll entries" });
  const spacer = $("div", { class: "spacer" });
  scroll.append(spacer);
  wrap.append($("div", { class: "tools" }, search, count), head, scroll);
  let order = keys.map((_, i) => i);
  let view = order;
  const num = (s) => (s !== "" && !isNaN(+s) ? +s : NaN);
  const cmp = (a, b) => { const x = num(a), y = num(b); return !isNaN(x) && !isNaN(y) ? x - y : a < b ? -1 : a > b ? 1 : 0; };
  let sortCol = -1, dir = 1;
  const draw = () => {
    spacer.style.height = view.length * ROW + "px";
    const first = Math.max(0, Math.floor(scroll.scrollTop / ROW) - 2);
    const last = Math.min(view.length, first + Math.ceil(300 / ROW) + 5);
    spacer.replaceChildren();
    for (let r = first; r < last; r++) {
      const i = view[r];
      const row = $("div", { class: "row" + (marks && marks[i] ? " e " + marks[i] : "") }, $("span", { text: keys[i], title: keys[i] }), $("span", { text: vals[i], title: vals[i] }));
      row.style.top = r * ROW + "px";
      spacer.append(row);
    }
    count.textContent = view.length === keys.length ? keys.length + " entries" : view.length + " of " + keys.length + " entries";
    wrap.dataset.rows = String(last - first);
  };
  const refilter = () => {
    const q = search.value.toLowerCase();
    view = q ? order.filter((i) => keys[i].toLowerCase().includes(q) || vals[i].toLowerCase().includes(q)) : order;
    scroll.scrollTop = 0;
    draw();
  };
  head.children[0].onclick = () => { dir = sortCol === 0 ? -dir : 1; sortCol = 0; order = order.slice().sort((a, b) => dir * cmp(keys[a], keys[b])); refilter(); };
  head.children[1].onclick = () => { dir = sortCol === 1 ? -dir : 1; sortCol = 1; order = order.slice().sort((a, b) => dir * cmp(vals[a], vals[b])); refilter(); };
  search.oninput = refilter;
  scroll.onscroll = draw;
  requestAnimationFrame(draw);
  draw();
  return wrap;
}

// one card per map
{
  const s = $("section", { id: "maps" }, $("h2", { text: "Maps " + D.mapsWhen }));
  if (!D.maps.length) s.append($("div", { class: "card mute", text: D.noMaps }));
  for (const m of D.maps) {
    const c = $("div", { class: "card map" });
    c.append($("h3", {}, (m.name || m.address) + " ", $("span", { class: "mono mute", text: m.type || "" }),
      $("span", { class: "badge", text: "len " + m.len })));
    c.append($("div", { class: "mono mute", text: "header at " + m.address + (m.origin ? " · " + m.origin : "") }));
    if (m.error) { c.append($("div", { class: "mono", text: "cannot read: " + m.error })); s.append(c); continue; }
    const t = $("table", { class: "header mono" });
    for (const [k, v, doc] of m.header) t.append($("tr", {}, $("td", { text: k, title: doc || "" }), $("td", { text: v })));
    c.append(t);
    for (const line of m.derived) c.append($("div", { class: "mono mute", text: line.trim() }));
    if (m.truncated) c.append($("div", { class: "mono", text: "entries cut: " + m.truncated }));
    if (m.keys) c.append(entriesTable(m.keys, m.vals));
    s.append(c);
  }
  main.append(s);
}

// growth movies
const movies = [];
function cellsAt(mv, k) {
  let start = k;
  while (typeof mv.frames[start] !== "string") start--;
  const bin = atob(mv.frames[start]);
  const cells = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) cells[i] = bin.charCodeAt(i);
  for (let s = start + 1; s <= k; s++) { const d = mv.frames[s]; for (let j = 0; j < d.length; j += 2) cells[d[j]] = d[j + 1]; }
  return cells;
}
const startsAt = (mv, k) => { let r = [0]; for (const [i, st] of mv.starts) { if (i <= k) r = st; else break; } return r; };
const hue = (used) => used === 0 ? "#eef1f6" : "hsl(" + (215 - used * 3) + ", 70%, " + (82 - used * 6) + "%)";
if (D.movies.length) {
  const s = $("section", { id: "movies" }, $("h2", { text: "Growth, checkpoint by checkpoint" }));
  for (const mv of D.movies) {
    const c = $("div", { class: "card movie" });
    c.append($("h3", {}, mv.name + " ", $("span", { class: "mono mute", text: "header at " + mv.address }),
      $("span", { class: "badge " + (mv.violations.length ? "fatal" : "ok"), text: mv.violations.length ? mv.violations.length + " rule violations" : "every growth followed the rules" })));
    const slider = $("input", { type: "range", min: "0", max: String(mv.steps.length - 1), value: "0", "aria-label": "checkpoint" });
    const play = $("button", { text: "▶ play" });
    const label = $("span", { class: "mono" });
    const state = $("div", { class: "state mono" });
    const canvas = $("canvas", { width: "640", height: "160" });
    const legend = $("div", { class: "legend" }, $("span", {}, $("i", { style: "background:#eef1f6" }), "empty"),
      $("span", {}, $("i", { style: "background:" + hue(4) }), "4 of 8 slots"), $("span", {}, $("i", { style: "background:" + hue(8) }), "8 of 8"),
      $("span", {}, $("i", { style: "background:#f97316" }), mv.unit === "bucket" ? "overflow bucket(s) chained" : "deleted slots"));
    const chart = svg("svg", { class: "chart", viewBox: "0 0 640 170", preserveAspectRatio: "none" });
    c.append($("div", { class: "controls" }, play, slider, label), state, canvas, legend, chart);
    // the chart: len and capacity over the whole run, growth events marked
    const n = mv.steps.length, maxCap = Math.max(1, ...mv.steps.map((x) => Math.max(x[1], x[2])));
    const X = (i) => 10 + (620 * i) / Math.max(1, n - 1), Y = (v) => 160 - (150 * v) / maxCap;
    for (const [i] of mv.events) chart.append(svg("line", { x1: X(i), x2: X(i), y1: 8, y2: 160, stroke: "#fdba74", "stroke-width": 1 }));
    const pts = (col) => mv.steps.map((x, i) => X(i).toFixed(1) + "," + Y(x[col]).toFixed(1)).join(" ");
    chart.append(svg("polyline", { points: pts(2), fill: "none", stroke: "#94a3b8", "stroke-width": 1.5 }));
    chart.append(svg("polyline", { points: pts(1), fill: "none", stroke: "#2457d6", "stroke-width": 2 }));
    c.append($("div", { class: "legend" }, $("span", {}, $("i", { style: "background:#2457d6" }), "len"),
      $("span", {}, $("i", { style: "background:#94a3b8" }), "capacity (slots)"), $("span", {}, $("i", { style: "background:#fdba74" }), "growth")));
    const cursor = svg("line", { y1: 8, y2: 160, stroke: "#111827", "stroke-width": 1, "stroke-dasharray": "3 3" });
    chart.append(cursor);
    const show = (k) => {
      const [seq, len, cap, depth, addr, moved, structure] = mv.steps[k];
      const ev = mv.events.filter((e) => e[0] === k).map((e) => e[1]);
      label.textContent = "step " + (k + 1) + " of " + n + " · checkpoint #" + seq;
      state.replaceChildren($("span", { class: "len", text: "len " + len }), $("span", { text: "capacity " + cap }),
        $("span", { text: structure }), $("span", { text: (mv.unit === "bucket" ? "bucketBits " : "globalDepth ") + depth }),
        $("span", {}, (mv.unit === "bucket" ? "buckets at " : "directory at ") + addr, moved ? $("span", { class: "badge moved", text: "moved" }) : null),
        ...ev.map((e) => $("span", { class: "event", text: e })));
      const cells = cellsAt(mv, k);
      const cols = Math.max(8, Math.ceil(Math.sqrt(cells.length * 4)));
      const size = Math.max(2, Math.min(18, Math.floor(636 / cols)));
      const rows = Math.ceil(cells.length / cols);
      canvas.width = cols * size + 4; canvas.height = Math.max(size, rows * size) + 4;
      const g = canvas.getContext("2d");
      g.clearRect(0, 0, canvas.width, canvas.height);
      const starts = new Set(startsAt(mv, k));
      for (let i = 0; i < cells.length; i++) {
        const used = cells[i] & 15, extra = cells[i] >> 4;
        const x = 2 + (i % cols) * size, y = 2 + Math.floor(i / cols) * size;
        g.fillStyle = hue(used);
        g.fillRect(x, y, size - (size > 3 ? 1 : 0), size - (size > 3 ? 1 : 0));
        if (extra) { g.fillStyle = "#f97316"; g.fillRect(x, y, Math.max(1, size / 3), Math.max(1, size / 3)); }
        if (starts.has(i) && i > 0) { g.fillStyle = "#111827"; g.fillRect(x - 1, y, 1, size); }
      }
      canvas.dataset.cells = String(cells.length);
      canvas.dataset.step = String(k);
      cursor.setAttribute("x1", X(k)); cursor.setAttribute("x2", X(k));
    };
    slider.oninput = () => show(+slider.value);
    let timer = 0;
    play.onclick = () => {
      if (timer) { clearInterval(timer); timer = 0; play.textContent = "▶ play"; return; }
      if (+slider.value >= n - 1) slider.value = "0";
      const stride = Math.max(1, Math.round(n / 300));
      play.textContent = "❚❚ pause";
      timer = setInterval(() => {
        const k = Math.min(n - 1, +slider.value + stride);
        slider.value = String(k); show(k);
        if (k >= n - 1) { clearInterval(timer); timer = 0; play.textContent = "▶ play"; }
      }, 33);
    };
    const start = /step=(\d+)/.exec(location.hash);
    const k0 = start ? Math.min(n - 1, Math.max(0, +start[1])) : n - 1;
    slider.value = String(k0);
    show(k0);
    movies.push({ mv, slider, canvas, state, show });
    s.append(c);
  }
  main.append(s);
}

// at the panic: entries at its first instruction and at the print, deferred changes marked
if (D.fatal) {
  const s = $("section", { id: "fatal" }, $("h2", { text: "At the panic: first instruction vs the panic: print" }));
  for (const m of D.fatal) {
    const c = $("div", { class: "card" }, $("h3", { text: m.name }));
    const col = (title, list) => { const d = $("div", {}, $("div", { class: "mute", text: title })); for (const [text, mark] of list) d.append($("div", { class: "e mono " + mark, text: text })); return d; };
    c.append($("div", { class: "diff" }, col("at the panic's first instruction", m.entry), col("at the panic: print (after deferred calls)", m.print)));
    c.append($("div", { class: "mute", text: m.summary }));
    s.append(c);
  }
  main.append(s);
}

// the movies and the panic first, then every map
for (const id of ["fatal", "movies"]) { const el = document.getElementById(id); if (el) main.insertBefore(el, document.getElementById("maps")); }

if (location.hash.includes("selftest")) {
  const res = { errors, readyMs: Math.round(performance.now()), scriptMs: Math.round(performance.now() - scriptStart), tableRows: [...document.querySelectorAll("[data-rows]")].map((e) => +e.dataset.rows), movies: [], overflow: document.documentElement.scrollWidth > innerWidth + 1, maps: document.querySelectorAll(".card.map").length };
  for (const { mv, slider, canvas, state, show } of movies) {
    const k = Math.floor((mv.steps.length - 1) / 2);
    slider.value = String(k);
    slider.dispatchEvent(new Event("input"));
    res.movies.push({ name: mv.name, steps: +slider.max + 1, step: +canvas.dataset.step, cells: +canvas.dataset.cells,
      len: state.querySelector(".len").textContent, expectLen: "len " + mv.steps[k][1], expectCells: cellsAt(mv, k).length, seq: mv.steps[k][0] });
    show(+slider.value);
  }
  document.getElementById("selftest").textContent = JSON.stringify(res);
}
`;
