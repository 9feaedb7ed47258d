/// The preview page, served at `/`. It is kept in the binary (not a resource file) so an
/// installed `paiban` needs nothing beside it. It fetches `/state.json` whenever `/events` says
/// the version changed and redraws: the proofs, an SVG over each (grid, story rectangles with
/// their variants, jump links), the preflight beside them and an error banner when the latest
/// edit broke the input. Scroll position survives a reload.
let previewPageHTML = #"""
<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>排版 preview</title>
<style>
  :root { --side: 360px; }
  body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; background: #d9d9d6; color: #222; }
  header { position: fixed; top: 0; left: 0; right: 0; height: 44px; display: flex; align-items: center; gap: 16px;
           padding: 0 14px; background: #222; color: #eee; z-index: 10; }
  header h1 { font-size: 15px; margin: 0; font-weight: 600; }
  header label { cursor: pointer; user-select: none; }
  #status { margin-left: auto; font-size: 12px; color: #bbb; }
  #error { display: none; position: fixed; top: 44px; left: 0; right: var(--side); background: #b3261e; color: #fff;
           padding: 8px 14px; z-index: 9; font-family: ui-monospace, monospace; white-space: pre-wrap; }
  #error.shown { display: block; }
  main { position: absolute; top: 44px; left: 0; right: var(--side); bottom: 0; overflow: auto; padding: 20px; }
  aside { position: fixed; top: 44px; right: 0; width: var(--side); bottom: 0; overflow: auto; background: #fafaf8;
          border-left: 1px solid #bbb; }
  aside h2 { font-size: 13px; margin: 12px 14px 6px; text-transform: uppercase; letter-spacing: .05em; color: #666; }
  aside ol { list-style: none; margin: 0; padding: 0; }
  aside li { padding: 7px 14px; border-bottom: 1px solid #e5e5e0; cursor: pointer; font-size: 13px; }
  aside li:hover { background: #eef3fb; }
  aside li.problem::before { content: "●"; color: #b3261e; margin-right: 6px; }
  aside li.warning::before { content: "●"; color: #c98a00; margin-right: 6px; }
  aside li.none { color: #2e7d32; cursor: default; }
  .page { position: relative; margin: 0 auto 24px; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.3); }
  .page img { display: block; width: 100%; height: 100%; }
  .page svg { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
  .page .caption { position: absolute; top: -18px; left: 0; font-size: 12px; color: #555; }
  svg .grid line { stroke: #0a84ff; stroke-width: .25; opacity: .55; }
  svg .grid rect.column { fill: #0a84ff; opacity: .06; }
  svg .story rect { fill: none; stroke: #ff9500; stroke-width: 1.2; }
  svg .story.overset rect { stroke: #b3261e; stroke-width: 2; }
  svg .story text { font-size: 8px; fill: #8a4a00; }
  svg .story rect.tag { fill: rgba(255, 255, 255, .85); stroke: none; }
  svg .story.flash rect.frame { fill: rgba(255, 59, 48, .25); stroke: #ff3b30; stroke-width: 3; }
  svg .jump rect { fill: rgba(52, 199, 89, .18); stroke: #34c759; stroke-width: 1; pointer-events: all; cursor: pointer; }
  svg .jump text { font-size: 9px; fill: #1b7f3a; }
  body:not(.show-grid) svg .grid, body:not(.show-stories) svg .story, body:not(.show-jumps) svg .jump { display: none; }
</style>
</head>
<body class="show-stories show-jumps" data-version="0">
<header>
  <h1 id="title">排版 preview</h1>
  <label><input type="checkbox" id="toggle-grid"> 字 × 行 grid</label>
  <label><input type="checkbox" id="toggle-stories" checked> stories and variants</label>
  <label><input type="checkbox" id="toggle-jumps" checked> jumps</label>
  <label>zoom <select id="zoom">
    <option value="fit" selected>fit width</option><option value="0.75">75 %</option>
    <option value="1">100 %</option><option value="1.5">150 %</option><option value="2">200 %</option>
  </select></label>
  <span id="status">connecting…</span>
</header>
<div id="error" role="alert"></div>
<main id="pages"></main>
<aside><h2>Preflight</h2><ol id="problems"></ol></aside>
<script>
"use strict";
const SVG = "http://www.w3.org/2000/svg";
// Page points to CSS pixels: 100 % is 96 px to the inch (4/3 px per point), "fit" the width of the pane.
let scale = 1;
let state = null;
const zoom = document.getElementById("zoom");

function chooseScale() {
  if (!state || state.pages.length === 0) return;
  const widest = Math.max(...state.pages.map(p => p.width));
  scale = zoom.value === "fit" ? Math.max(0.2, (document.getElementById("pages").clientWidth - 60) / widest)
                               : Number(zoom.value) * 4 / 3;
}
zoom.addEventListener("change", () => { chooseScale(); drawPages(); });
window.addEventListener("resize", () => { if (zoom.value === "fit") { chooseScale(); drawPages(); } });

for (const name of ["grid", "stories", "jumps"]) {
  const box = document.getElementById("toggle-" + name);
  box.addEventListener("change", () => document.body.classList.toggle("show-" + name, box.checked));
}

function el(tag, attrs, parent) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function drawGrid(svg, g) {
  const group = el("g", { class: "grid" }, svg);
  for (const [x, w] of g.columns) el("rect", { class: "column", x, y: g.y, width: w, height: g.height }, group);
  for (let i = 0; i <= g.lines; i++) {
    const y = g.y + i * g.pitch;
    el("line", { x1: g.x, x2: g.x + g.width, y1: y, y2: y }, group);
  }
  for (const [x, w] of g.columns) {
    for (let c = 0; c <= Math.round(w / g.character); c++) {
      const cx = x + c * g.character;
      el("line", { x1: cx, x2: cx, y1: g.y, y2: g.y + g.height }, group);
    }
  }
}

let clipCount = 0;
function drawStories(svg, page) {
  for (const s of page.stories) {
    const group = el("g", { class: "story" + (s.overset > 0 ? " overset" : ""), "data-story": s.id, "data-part": s.part }, svg);
    el("rect", { class: "frame", x: s.x, y: s.y, width: s.width, height: s.height }, group);
    // The label is a tag in the rectangle's top corner, clipped to the rectangle: a narrow story's
    // label never runs into its neighbour's. The whole of it is the tooltip.
    const clip = "clip-" + (++clipCount);
    el("rect", { x: s.x, y: s.y, width: s.width, height: s.height }, el("clipPath", { id: clip }, group));
    const tagged = el("g", { "clip-path": "url(#" + clip + ")" }, group);
    const words = s.id + (s.part > 1 ? " (part " + s.part + ")" : "") + " · " + (s.variant || s.area);
    el("rect", { class: "tag", x: s.x, y: s.y, width: Math.min(s.width, words.length * 4.6 + 6), height: 11 }, tagged);
    const label = el("text", { x: s.x + 3, y: s.y + 8.5 }, tagged);
    label.textContent = words;
    const title = el("title", {}, group);
    title.textContent = words + " · " + s.area + (s.overset > 0 ? " · overset " + s.overset + " lines" : "");
  }
}

function drawJumps(svg, page) {
  for (const j of page.jumps) {
    const group = el("g", { class: "jump", "data-story": j.story }, svg);
    const r = el("rect", { x: j.x - 1, y: j.y - 1, width: j.width + 2, height: j.height + 2 }, group);
    if (j.toPage !== null && j.toPage !== undefined) {
      r.addEventListener("click", () => { scrollToPoint(j.toPage, j.toY); flashStory(j.toPage, j.story, j.toY); });
      const t = el("text", { x: j.x, y: j.y - 3 }, group);
      t.textContent = "→ " + state.pages[j.toPage].label;
    }
  }
}

// Where the reader is: the page at the top of the pane and how far down it, in page points, so a
// redraw (a new render, another zoom) returns to the same place on the page, not the same pixel.
function readingPlace() {
  const main = document.getElementById("pages");
  let place = { index: 0, y: 0 };
  for (const div of main.querySelectorAll(".page")) {
    if (div.offsetTop <= main.scrollTop + 1) place = { index: Number(div.id.slice(5)), y: (main.scrollTop - div.offsetTop) / Number(div.dataset.scale) };
  }
  return place;
}

function drawPages() {
  const main = document.getElementById("pages");
  const place = readingPlace();
  main.replaceChildren();
  for (const page of state.pages) {
    const div = document.createElement("div");
    div.className = "page";
    div.id = "page-" + page.index;
    div.dataset.scale = scale;
    div.style.width = page.width * scale + "px";
    div.style.height = page.height * scale + "px";
    const caption = document.createElement("div");
    caption.className = "caption";
    caption.textContent = page.label + " · page " + page.number;
    const img = document.createElement("img");
    img.alt = "page " + page.number;
    img.src = page.proof;
    const svg = el("svg", { viewBox: "0 0 " + page.width + " " + page.height });
    drawGrid(svg, page.grid);
    drawStories(svg, page);
    drawJumps(svg, page);
    div.append(caption, img, svg);
    main.appendChild(div);
  }
  const back = document.getElementById("page-" + place.index);
  if (back) main.scrollTop = back.offsetTop + place.y * scale;
}

function drawProblems() {
  const list = document.getElementById("problems");
  list.replaceChildren();
  if (state.error) {
    // The latest edit's error comes first; the lines below are the preflight of the pages shown.
    const li = document.createElement("li");
    li.className = "problem";
    li.textContent = state.error.description;
    list.appendChild(li);
  } else if (state.problems.length === 0) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = "Nothing wrong: the edition passes --strict.";
    list.appendChild(li);
  }
  for (const p of state.problems) {
    const li = document.createElement("li");
    li.className = p.kind;
    li.textContent = p.message;
    if (p.story) li.dataset.story = p.story;
    if (p.page !== null && p.page !== undefined) li.dataset.page = p.page;
    li.addEventListener("click", () => showProblem(p));
    list.appendChild(li);
  }
}

function scrollToPoint(pageIndex, y) {
  const main = document.getElementById("pages");
  const page = document.getElementById("page-" + pageIndex);
  if (!page) return;
  main.scrollTo({ top: page.offsetTop + Math.max(0, y * scale - 40), behavior: "instant" });
}

function showProblem(p) {
  if (p.page === null || p.page === undefined) return;
  const page = state.pages[p.page];
  const story = page.stories.find(s => s.id === p.story);
  scrollToPoint(p.page, story ? story.y : 0);
  if (story) flashStory(p.page, p.story, story.y);
}

// Marks the story's rectangle on the page (the part nearest y) for a moment.
function flashStory(pageIndex, id, y) {
  document.querySelectorAll("svg .story.flash").forEach(g => g.classList.remove("flash"));
  document.body.classList.add("show-stories");
  document.getElementById("toggle-stories").checked = true;
  const parts = [...document.querySelectorAll("#page-" + pageIndex + " svg .story[data-story='" + CSS.escape(id) + "']")];
  const part = state.pages[pageIndex].stories.filter(s => s.id === id);
  let g = parts[0];
  part.forEach((s, k) => { if (s.y <= y + 1) g = parts[k]; });
  if (g) { g.classList.add("flash"); setTimeout(() => g.classList.remove("flash"), 2500); }
}

function drawError() {
  const box = document.getElementById("error");
  box.classList.toggle("shown", !!state.error);
  const why = state.pages.length > 0 ? "the pages below are the last good render" : "nothing could be rendered yet";
  box.textContent = state.error ? state.error.description + "\n(" + why + ")" : "";
  // The pages start below the banner, so it covers no masthead.
  document.getElementById("pages").style.top = (44 + (state.error ? box.offsetHeight : 0)) + "px";
}

async function load() {
  const response = await fetch("/state.json", { cache: "no-store" });
  state = await response.json();
  shown = state.run + " " + state.version;
  document.getElementById("title").textContent = "排版 preview · " + (state.title || "");
  chooseScale();
  drawPages();
  drawError();
  drawProblems();
  showStatus();
  document.body.dataset.version = state.version;
}

function showStatus() {
  if (!state) return;
  const n = state.pages.length;
  const when = state.renderedAt ? new Date(state.renderedAt).toLocaleTimeString() : "—";
  document.getElementById("status").textContent = n + (n === 1 ? " page" : " pages") + " · rendered " + when +
    " in " + state.renderMilliseconds + " ms · version " + state.version;
}

// "run version" of what is shown: the server's events name theirs, and a difference is news
// (after a restart the version starts again, but the run is another).
let shown = "";
let events = null;
function listen() {
  events = new EventSource("/events");
  events.addEventListener("version", e => { if (e.data !== shown) load(); });
  events.onopen = showStatus;
  events.onerror = () => { document.getElementById("status").textContent = "disconnected; retrying…"; };
}
// A hidden tab lets go of its event stream (a browser allows about six connections to one
// server, and each open stream holds one) and takes it again, catching up, when shown.
document.addEventListener("visibilitychange", () => {
  if (document.hidden) { if (events) { events.close(); events = null; } }
  else if (!events) listen();
});
if (!document.hidden) listen();
</script>
</body>
</html>
"""#
