// script.cc: the interactive ECMAScript that flame-svg embeds as the last child of every flame graph.
//
// What a person sees follows flamegraph.pl (hover details, click to zoom, Reset Zoom, regex search with
// the "ic" toggle, Ctrl-F / F3 / Ctrl-I, "Matched: N%"); the wiring is ours and is described by
// docs/svg-dom.md, the only thing this script assumes about the document:
//   - One closure per graph, no globals and no ids: the script finds its own <svg> from
//     document.currentScript, so two graphs inlined in one HTML page (FlameGraph#221) keep separate
//     state. Keyboard shortcuts go to the graph the pointer was last over (always, for a standalone SVG).
//   - Geometry comes from exact sample counts (data-fk-s, data-fk-x), not from pixel positions, so a
//     zoom is exact and "Matched" is a sample count, not a sum of rounded widths:
//       zoom into F: a frame E deeper than F is shown iff F.x <= E.x and E.x+E.s <= F.x+F.s, at
//       x = xpad + (E.x - F.x) * (width - 2*xpad) / F.s; a shallower E that covers F is an ancestor
//       (full width, 50% opacity); every other frame is hidden.
//       Matched = the union of the [x, x+s) intervals of the matched frames that are visible (the
//       outermost ones, since nested intervals add nothing), as a percentage of F.s when zoomed (100%
//       if F or an ancestor matches), else of data-fk-total. Hovering "Matched" shows that basis in
//       the details line.
//   - A zoomed label is fitted as flamegraph.pl's update_text() fits it, step for step, so the same
//     frame at the same width reads the same in both: the text is the title up to its last "(...)"
//     group (the space before it included); nothing if width - 3 < 2 * fontsize * fontwidth; the whole
//     text if the browser measures it narrower than width - 3; else the longest cut text[0, n) + ".."
//     for n = floor((width - 3) / measured * length), n - 2, n - 4, ... > 0 whose first n + 2 characters
//     measure at most width - 3; else nothing. (The static picture uses flamegraph.pl's Perl estimate,
//     chars = width / (fontsize * fontwidth), which is why flamegraph.pl's labels grow after a zoom.)
//     The one difference: a cut never splits a UTF-16 surrogate pair. Reset Zoom restores the labels
//     the writer drew, where flamegraph.pl re-measures them.
//   - State is kept in the URL query (history.replaceState): x=<data-fk-x>&y=<rect y> of the zoomed
//     frame, s=<regex>, i=1 for ignore-case; the n-th graph of a page (n >= 2) uses x<n>, y<n>, s<n>,
//     i<n>. Other query parameters are kept as they are. flamegraph.pl's links name the frame by its
//     <rect>'s x and y attributes instead; its x is always written "%0.1f" (digits, ".", one digit),
//     so an x of exactly that shape is read as a rect x, and we write a sample offset of that shape
//     with a trailing 0 ("2.50") so our own links never take it.
//   - Shown / hidden / ancestor states are inline styles on the frame (or on its <a> with --nameattr),
//     so they need no CSS from the writer and cannot leak between graphs.
// The text never contains the CDATA terminator, so the writer can wrap it in <![CDATA[ ... ]]>.
#include "svg/script.h"

namespace flamekit::svg {
namespace {

constexpr std::string_view kScript = R"fkjs(
(function () {
"use strict";
var SVGNS = "http://www.w3.org/2000/svg";

// Our own <svg>: the nearest svg ancestor of this script element.
var self = document.currentScript;
if (!self) {
  var scripts = document.getElementsByTagName("script");
  self = scripts[scripts.length - 1];
}
var svg = self;
while (svg && !(svg.localName === "svg" && svg.namespaceURI === SVGNS)) svg = svg.parentNode;
if (!svg) return;
var framesGroup = svg.querySelector(".fk-frames");
if (!framesGroup) return;  // e.g. the "No valid input" picture

function numAttr(el, name, dflt) {
  var v = parseFloat(el.getAttribute(name));
  return isFinite(v) ? v : dflt;
}
function strAttr(el, name, dflt) {
  var v = el.getAttribute(name);
  return v === null ? dflt : v;
}
var total = numAttr(svg, "data-fk-total", 0);
var width = numAttr(svg, "data-fk-width", svg.width && svg.width.baseVal ? svg.width.baseVal.value : 1200);
var xpad = numAttr(svg, "data-fk-xpad", 10);
var fontsize = numAttr(svg, "data-fk-fontsize", 12);
var fontwidth = numAttr(svg, "data-fk-fontwidth", 0.59);
var inverted = strAttr(svg, "data-fk-inverted", "0") === "1";
var searchcolor = strAttr(svg, "data-fk-searchcolor", "rgb(230,0,230)");
var countname = strAttr(svg, "data-fk-countname", "samples");
var nametype = strAttr(svg, "data-fk-nametype", "Function:");
var factor = numAttr(svg, "data-fk-factor", 1);
var eps = Math.max(total, 1) * 1e-9;

function control(cls) { return svg.querySelector("." + cls); }
var details = control("fk-details");
var unzoomBtn = control("fk-unzoom");
var searchBtn = control("fk-search");
var icBtn = control("fk-ignorecase");
var matchedText = control("fk-matched");

function setText(el, text) { if (el) el.textContent = text; }
function setShown(el, shown) { if (el) el.style.display = shown ? "inline" : "none"; }
function setLit(el, lit) {
  if (!el) return;
  if (lit) el.style.opacity = "1"; else el.style.removeProperty("opacity");
}

// The frame's name: its static label when that is not truncated, else its title without the trailing
// "(N samples, P%)" group.
function frameName(title, label) {
  if (label !== "" && !/\.\.$/.test(label)) return label;
  return title.replace(/ ?\([^()]*\)$/, "");
}

// frames: one record per <g class="fk-frame">; level grows away from the root in either layout.
var frames = [];
var byElement = new Map();
var nodes = framesGroup.querySelectorAll(".fk-frame");
for (var i = 0; i < nodes.length; i++) {
  var g = nodes[i];
  var rect = g.querySelector("rect");
  if (!rect) continue;
  var text = g.querySelector("text");
  var title = g.querySelector("title");
  var y = parseFloat(rect.getAttribute("y"));
  var rec = {
    g: g,
    outer: g.parentNode !== framesGroup && g.parentNode.localName === "a" ? g.parentNode : g,
    rect: rect, text: text, title: title,
    s: numAttr(g, "data-fk-s", 0), x: numAttr(g, "data-fk-x", 0),
    xAttr: strAttr(g, "data-fk-x", "0"), yAttr: rect.getAttribute("y"), y: y,
    level: inverted ? y : -y,
    origX: rect.getAttribute("x"), origW: rect.getAttribute("width"),
    origFill: rect.getAttribute("fill"),
    origTextX: text ? text.getAttribute("x") : null,
    origLabel: text ? text.textContent : "",
    origTitle: title ? title.textContent : "",
    state: 1,       // 0 hidden, 1 shown, 2 ancestor of the zoomed frame
    moved: false,   // geometry, label or title changed by a zoom
    matched: false
  };
  rec.name = frameName(rec.origTitle, rec.origLabel);
  rec.fitText = rec.origTitle.replace(/\([^(]*\)$/, "");  // flamegraph.pl's label text: keeps the space
  frames.push(rec);
  byElement.set(g, rec);
}

var zoomed = null;      // the record zoomed into, or null
var term = null;        // the current search regex source, or null
var ignorecase = false;
var searching = false;  // a search is shown (the button reads "Reset Search")

function fmt(v) { return String(Math.round(v * 100) / 100); }
function fmtCount(v) { return String(Math.round(v * factor * 1000) / 1000); }
// Sets the labels of frames placed w pixels wide (items [e, w]) as flamegraph.pl's update_text() sets
// each (see the top of this file), with the same measurements in a cheaper order: laying out the whole
// texts is what costs, so all are written before any is measured, one layout for the batch instead of
// one per frame. Requires: the frames are displayed, since an undisplayed <text> measures 0.
var minLabelWidth = 2 * fontsize * fontwidth;
function fitLabels(items) {
  var pending = [];
  for (var i = 0; i < items.length; i++) {
    var e = items[i][0], room = items[i][1] - 3;
    e.text.textContent = room < minLabelWidth ? "" : e.fitText;
    // flamegraph.pl keeps blank text as it is (and measuring "" would throw).
    if (room >= minLabelWidth && !/^ *$/.test(e.fitText)) pending.push([e, room]);
  }
  var labels = pending.map(function (p) { return cutLabel(p[0].text, p[0].fitText, p[1]); });
  for (var i = 0; i < pending.length; i++) {
    if (labels[i] !== null) pending[i][0].text.textContent = labels[i];
  }
}
// The label for txt, which t shows, in room pixels: null to keep the whole text, else a cut with ".." or "".
function cutLabel(t, txt, room) {
  var measured = t.getSubStringLength(0, txt.length);
  if (measured < room) return null;
  for (var n = Math.floor(room / measured * txt.length); n > 0; n -= 2) {
    if (t.getSubStringLength(0, Math.min(n + 2, txt.length)) <= room) {
      var cut = /[\uD800-\uDBFF]/.test(txt.charAt(n - 1)) ? n - 1 : n;  // keep a surrogate pair whole
      return txt.slice(0, cut) + "..";
    }
  }
  return "";
}
function withZoomPct(title, pct) {
  var extra = pct + "% of zoomed frame";
  return /\)$/.test(title) ? title.slice(0, -1) + ", " + extra + ")" : title + " (" + extra + ")";
}

// Moves e to x, w pixels wide, and queues its label for fitLabels().
function place(e, x, w, title, labels) {
  e.rect.setAttribute("x", fmt(x));
  e.rect.setAttribute("width", fmt(w));
  if (e.text) {
    e.text.setAttribute("x", fmt(x + 3));
    labels.push([e, w]);
  }
  if (e.title) e.title.textContent = title;
  e.moved = true;
}
function restore(e) {
  if (e.moved) {
    e.rect.setAttribute("x", e.origX);
    e.rect.setAttribute("width", e.origW);
    if (e.text) {
      e.text.setAttribute("x", e.origTextX);
      e.text.textContent = e.origLabel;
    }
    if (e.title) e.title.textContent = e.origTitle;
    e.moved = false;
  }
}
function setState(e, state) {
  if (e.state === state) return;
  e.state = state;
  if (state === 0) e.outer.style.display = "none"; else e.outer.style.removeProperty("display");
  if (state === 2) e.outer.style.opacity = "0.5"; else e.outer.style.removeProperty("opacity");
}

function isAncestor(e, f) {
  return e.level < f.level && e.x <= f.x + eps && e.x + e.s >= f.x + f.s - eps;
}
function inSubtree(e, f) {
  return e.level >= f.level && e.x >= f.x - eps && e.x + e.s <= f.x + f.s + eps;
}

function unzoom() {
  for (var i = 0; i < frames.length; i++) {
    restore(frames[i]);
    setState(frames[i], 1);
  }
  zoomed = null;
  setShown(unzoomBtn, false);
  updateMatched();
}

// Zooms into f; a frame without ancestors (the root) means the whole graph, i.e. no zoom.
function zoom(f) {
  if (!(f.s > 0)) return;
  var full = width - 2 * xpad;
  var scale = full / f.s;
  var ancestors = 0;
  for (var i = 0; i < frames.length; i++) {
    if (frames[i] !== f && isAncestor(frames[i], f)) ancestors++;
  }
  if (ancestors === 0) { unzoom(); return; }
  var labels = [];
  for (var i = 0; i < frames.length; i++) {
    var e = frames[i];
    if (e !== f && isAncestor(e, f)) {
      restore(e);
      setState(e, 2);
      place(e, xpad, full, e.origTitle, labels);
    } else if (inSubtree(e, f)) {
      var pct = (100 * e.s / f.s).toFixed(2);
      setState(e, 1);
      place(e, xpad + (e.x - f.x) * scale, e.s * scale, withZoomPct(e.origTitle, pct), labels);
    } else {
      restore(e);
      setState(e, 0);
    }
  }
  fitLabels(labels);
  zoomed = f;
  setShown(unzoomBtn, true);
  updateMatched();
}

// The sum of the outermost matched frames that are visible, and the samples it is a share of.
function matchedSamples() {
  var basis = zoomed ? zoomed.s : total;
  var spans = [];
  for (var i = 0; i < frames.length; i++) {
    var e = frames[i];
    if (!e.matched) continue;
    if (zoomed && (e === zoomed || e.state === 2)) return { count: basis, basis: basis };
    if (e.state === 1) spans.push(e);
  }
  spans.sort(function (a, b) { return a.x - b.x || b.s - a.s; });
  var count = 0, end = -Infinity;
  for (var i = 0; i < spans.length; i++) {
    if (spans[i].x >= end - eps) {
      count += spans[i].s;
      end = spans[i].x + spans[i].s;
    }
  }
  return { count: count, basis: basis };
}
function updateMatched() {
  if (!searching) return;
  var m = matchedSamples();
  var pct = m.basis > 0 ? 100 * m.count / m.basis : 0;
  setText(matchedText, "Matched: " + (pct === 100 ? "100" : pct.toFixed(1)) + "%");
}
function matchedBasis() {
  if (!searching) return " ";
  var m = matchedSamples();
  return "Matched " + fmtCount(m.count) + " of " + fmtCount(m.basis) + " " + countname +
      (zoomed ? " in the zoomed frame " + zoomed.name : " in all frames") +
      " (outermost visible matches, exact counts)";
}

function clearSearch() {
  for (var i = 0; i < frames.length; i++) {
    var e = frames[i];
    if (e.matched) {
      if (e.origFill === null) e.rect.removeAttribute("fill"); else e.rect.setAttribute("fill", e.origFill);
      e.matched = false;
    }
  }
  searching = false;
  setText(searchBtn, "Search");
  setLit(searchBtn, false);
  setText(matchedText, " ");
}
// Applies term (with ignorecase) and shows the result; an invalid regex is reported, not thrown.
function runSearch() {
  clearSearch();
  if (term === null) return;
  var re;
  try {
    re = new RegExp(term, ignorecase ? "i" : "");
  } catch (err) {
    term = null;
    setText(matchedText, "Invalid regex");
    return;
  }
  for (var i = 0; i < frames.length; i++) {
    var e = frames[i];
    if (re.test(e.origTitle)) {
      e.matched = true;
      e.rect.setAttribute("fill", searchcolor);
    }
  }
  searching = true;
  setText(searchBtn, "Reset Search");
  setLit(searchBtn, true);
  updateMatched();
}
function searchPrompt() {
  if (searching) {
    term = null;
    clearSearch();
    saveState();
    return;
  }
  var t = window.prompt("Enter a search term (regexp allowed, eg: ^ext4_)" +
      (ignorecase ? ", ignoring case" : "") + "\nPress Ctrl-i to toggle case sensitivity", "");
  if (t) {
    term = t;
    runSearch();
    saveState();
  }
}
function toggleIgnorecase() {
  ignorecase = !ignorecase;
  setLit(icBtn, ignorecase);
  if (term !== null) runSearch();
  saveState();
}

// URL state. Keys get the graph's number as a suffix from the second graph of a page on.
var graphs = document.querySelectorAll("svg[data-fk-total]");
var suffix = "";
for (var i = 0; i < graphs.length; i++) {
  if (graphs[i] === svg && i > 0) suffix = String(i + 1);
}
var ownKeys = ["x", "y", "s", "i"].map(function (k) { return k + suffix; });
var kPixelX = /^[0-9]+\.[0-9]$/;  // how flamegraph.pl writes x (sprintf "%0.1f"); see the top of this file
function decode(v) {
  try { return decodeURIComponent(v); } catch (err) { return null; }
}
// The query as [raw key, raw value] pairs, in order.
function queryPairs() {
  var q = window.location.search.replace(/^\?/, "");
  if (q === "") return [];
  return q.split("&").map(function (p) {
    var at = p.indexOf("=");
    return at < 0 ? [p, null] : [p.slice(0, at), p.slice(at + 1)];
  });
}
function readState() {
  var st = {};
  queryPairs().forEach(function (p) {
    var k = decode(p[0]);
    var at = ownKeys.indexOf(k);
    if (at >= 0 && p[1] !== null) st["xysi".charAt(at)] = decode(p[1]);
  });
  return st;
}
function saveState() {
  var pairs = queryPairs().filter(function (p) { return ownKeys.indexOf(decode(p[0])) < 0; });
  var raw = pairs.map(function (p) { return p[1] === null ? p[0] : p[0] + "=" + p[1]; });
  function add(k, v) { raw.push(k + suffix + "=" + encodeURIComponent(v)); }
  if (zoomed) { add("x", kPixelX.test(zoomed.xAttr) ? zoomed.xAttr + "0" : zoomed.xAttr); add("y", zoomed.yAttr); }
  if (searching && term !== null) add("s", term);
  if (ignorecase) add("i", "1");
  var q = raw.length ? "?" + raw.join("&") : "";
  if (q === window.location.search) return;
  var url = window.location.href.replace(/[?#].*$/, "") + q + window.location.hash;
  try {
    window.history.replaceState(window.history.state, "", url);
  } catch (err) {
    // Some embeddings (sandboxed or opaque origins) refuse it; the view still works without it.
  }
}
// The frame a link's x and y name: in flamegraph.pl's form (x a <rect>'s x attribute, always "%0.1f")
// the widest frame of row y whose rect has exactly that x, else the frame of row y whose data-fk-x is x.
function linkedFrame(xs, ys) {
  var pixel = kPixelX.test(xs), x = parseFloat(xs), y = parseFloat(ys), best = null;
  for (var i = 0; i < frames.length; i++) {
    var e = frames[i];
    if (!(Math.abs(e.y - y) < 0.01)) continue;
    if (!pixel && Math.abs(e.x - x) <= eps) return e;
    if (pixel && e.origX === xs && (!best || e.s > best.s)) best = e;
  }
  return best;
}
function restoreState() {
  var st = readState();
  if (st.x != null && st.y != null) {
    var f = linkedFrame(st.x, st.y);
    if (f) zoom(f);
  }
  if (st.i === "1") {
    ignorecase = true;
    setLit(icBtn, true);
  }
  if (st.s) {
    term = st.s;
    runSearch();
  }
}

// Events: delegation on the frames group; controls get their own listeners.
function frameOf(node) {
  while (node && node !== framesGroup) {
    var rec = byElement.get(node);
    if (rec) return rec;
    node = node.parentNode;
  }
  return null;
}
framesGroup.addEventListener("click", function (ev) {
  var f = frameOf(ev.target);
  if (!f) return;
  if (f.outer !== f.g) {       // a --nameattr link: a plain click follows it, Ctrl-click zooms
    if (!ev.ctrlKey) return;
    ev.preventDefault();
  }
  zoom(f);
  saveState();
});
framesGroup.addEventListener("mouseover", function (ev) {
  var f = frameOf(ev.target);
  if (f && details) setText(details, nametype + " " + (f.title ? f.title.textContent : f.name));
});
framesGroup.addEventListener("mouseout", function (ev) {
  if (frameOf(ev.target)) setText(details, " ");
});
if (unzoomBtn) unzoomBtn.addEventListener("click", function () { unzoom(); saveState(); });
if (searchBtn) searchBtn.addEventListener("click", searchPrompt);
if (icBtn) icBtn.addEventListener("click", toggleIgnorecase);
if (matchedText) {
  matchedText.addEventListener("mouseover", function () { setText(details, matchedBasis()); });
  matchedText.addEventListener("mouseout", function () { setText(details, " "); });
}

// Keys go to this graph if it is the whole document, or if the pointer was last over it.
var standalone = document.documentElement === svg;
var active = standalone;
if (!standalone) {
  document.addEventListener("mouseover", function (ev) { active = svg.contains(ev.target); }, true);
}
window.addEventListener("keydown", function (ev) {
  if (!active) return;
  var key = ev.key, code = ev.keyCode;
  if (key === "F3" || code === 114 || (ev.ctrlKey && (key === "f" || key === "F" || code === 70))) {
    ev.preventDefault();
    searchPrompt();
  } else if (ev.ctrlKey && (key === "i" || key === "I" || code === 73)) {
    ev.preventDefault();
    toggleIgnorecase();
  }
});

setShown(unzoomBtn, false);
restoreState();
})();
)fkjs";

}  // namespace

std::string_view script_source() { return kScript; }

}  // namespace flamekit::svg
