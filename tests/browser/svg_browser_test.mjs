// svg_browser_test.mjs: drives Debian's chromium (through playwright-core) over SVGs written by the real
// flame-svg, and checks what a person sees against values computed here from the folded input:
//   zoom (clicked frame full width, ancestors full width at 50% opacity, unrelated frames hidden, labels
//   re-fitted), Reset Zoom, clicking an ancestor or the root, tooltip and details text, regex search with
//   the highlighted frames and "Matched: N%" (outermost visible matches, exact counts), ignore-case (ic
//   button and Ctrl-I), Ctrl-F / F3, the URL state round trip, --nameattr links (click follows, Ctrl-click
//   zooms), --inverted, --flamechart, and two graphs inlined in one HTML page that must not interfere.
// Side by side with flamegraph.pl's own SVGs (the shared and svg-extra references, and ones
// flamegraph.pl draws now when a FlameGraph checkout is there): the same frames zoomed by clicking show
// the same frames with flamegraph.pl's labels (issue 13, item 7), and the links flamegraph.pl writes
// (?x=<rect x>&y=<rect y>) open the same zoom in ours.
// Any JavaScript error or console error fails the run.
//
// Run by tests/e2e/svg-browser.sh, which installs playwright-core and sets:
//   FLAME_SVG  the flame-svg binary     WORK  a scratch directory     CHROMIUM  the browser binary
//   FLAMEKIT_SHARED  for the conformance inputs and references (conformance/svg/)
//   FLAMEKIT_TOP  for tests/conformance/svg-extra/
//   FLAMEGRAPH_PL  FlameGraph's flamegraph.pl, or empty to skip drawing with it
// Prints one "not ok - CHECK: detail" line per failed check and ends with
// "svg-browser checks: N ok, N not ok"; exits 1 if any check failed.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const FLAME_SVG = process.env.FLAME_SVG;
const WORK = process.env.WORK;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHARED = process.env.FLAMEKIT_SHARED;
const TOP = process.env.FLAMEKIT_TOP;                // for tests/conformance/svg-extra
const FLAMEGRAPH_PL = process.env.FLAMEGRAPH_PL;    // FlameGraph's flamegraph.pl, when it can be run
if (!FLAME_SVG || !WORK) {
  console.error('svg_browser_test: set FLAME_SVG and WORK (run tests/e2e/svg-browser.sh)');
  process.exit(2);
}

// ---- checks ----------------------------------------------------------------------------------------
let nOk = 0, nBad = 0, group = '';
function check(name, cond, detail) {
  if (cond) { nOk++; return true; }
  nBad++;
  console.log(`not ok - ${group}: ${name}${detail === undefined ? '' : ': ' + detail}`);
  return false;
}
const show = (v) => JSON.stringify(v);
function eq(name, actual, expected) {
  return check(name, actual === expected, `got ${show(actual)}, expected ${show(expected)}`);
}
function near(a, b, tol = 0.011) { return Math.abs(parseFloat(a) - b) <= tol; }
// One check over many items: passes when no item is reported; names the first few bad ones.
function all(name, bad) {
  return check(name, bad.length === 0, `${bad.length} bad, e.g. ${bad.slice(0, 3).join(' / ')}`);
}

// ---- the folded model (what flamegraph.pl draws), computed independently of the page ---------------
// Bytes are kept as latin1 strings so sorting is byte-wise like Perl's sort; names are decoded as UTF-8
// for display. Frames are made exactly as flamegraph.pl's flow() makes them from the sorted lines.
const EPS = 1e-7;
const kLine = /^([^\n]*)[ \t\n\r\f\v]+?(\d+(?:\.\d*)?)$/;
function foldedModel(bytes, { width = 1200, xpad = 10, minwidth = 0.1, flamechart = false } = {}) {
  const lines = bytes.toString('latin1').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const sorted = flamechart ? lines : lines.slice().sort();
  // Keyed like flamegraph.pl's %Node ("func;depth;etime"): a later frame with the same key replaces an
  // earlier one, which happens with zero counts (a flamegraph.pl quirk flame-svg keeps).
  const nodes = new Map();
  const open = new Map();
  let last = [], time = 0;
  const flow = (stack, v) => {
    let same = 0;
    while (same < last.length && same < stack.length && last[same] === stack[same]) same++;
    for (let i = last.length - 1; i >= same; i--) {
      const k = last[i] + ';' + i;
      nodes.set(k + ';' + v, { raw: last[i], depth: i, x: open.get(k), end: v });
      open.delete(k);
    }
    for (let i = same; i < stack.length; i++) open.set(stack[i] + ';' + i, v);
    last = stack;
  };
  for (const line of sorted) {
    let m = kLine.exec(line);
    if (!m) continue;
    let stack = m[1], n = parseFloat(m[2]);
    const m2 = kLine.exec(stack);
    if (m2) { stack = m2[1]; }  // differential: the second count sets the width
    const parts = stack.split(';');
    while (parts.length && parts[parts.length - 1] === '') parts.pop();  // Perl's split drops these
    flow(['', ...parts], time);
    time += n;
  }
  flow([], time);
  const total = time;
  const minTime = minwidth / ((width - 2 * xpad) / total);
  const kept = [];
  for (const f of nodes.values()) {
    f.s = f.end - f.x;
    if (f.s < minTime) continue;
    f.name = Buffer.from(f.raw.replace(/_\[[kwij]\]$/, ''), 'latin1').toString('utf8');
    if (f.depth === 0) f.name = 'all';
    let rounded = Math.round(f.s);  // Perl's %.0f: halves go to even
    if (Math.abs(f.s % 1) === 0.5 && rounded % 2) rounded -= 1;
    const samples = rounded.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    f.title = f.depth === 0 ? `all (${samples} samples, 100%)`
                            : `${f.name} (${samples} samples, ${(100 * f.s / total).toFixed(2)}%)`;
    f.clean = !/[\u0000-\u001f\u007f\ufffd]/.test(f.name);
    kept.push(f);
  }
  kept.sort((a, b) => a.depth - b.depth || a.x - b.x);
  // parent: the nearest frame further up whose span holds this one (binary search in each row).
  const rows = [];
  for (const f of kept) (rows[f.depth] = rows[f.depth] || []).push(f);
  for (const f of kept) {
    f.parent = null;
    for (let d = f.depth - 1; d >= 0 && !f.parent; d--) {  // rows can have holes (the quirk above)
      const row = rows[d] || [];
      let lo = 0, hi = row.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (row[mid].x <= f.x + EPS) lo = mid; else hi = mid - 1;
      }
      if (row.length && isAncestor(row[lo], f)) f.parent = row[lo];
    }
  }
  return { frames: kept, total };
}
function isAncestor(a, f) { return a.depth < f.depth && a.x <= f.x + EPS && a.x + a.s >= f.x + f.s - EPS; }
function inSubtree(e, f) { return e.depth >= f.depth && e.x >= f.x - EPS && e.x + e.s <= f.x + f.s + EPS; }
function pctText(pct) { return pct === 100 ? '100' : pct.toFixed(1); }
// "Matched: N%": the outermost matched frames visible in the view, as a share of the zoomed frame or the
// total; 100% when the zoomed frame or one of its ancestors matches.
function expectedMatched(model, re, zoom) {
  const title = (f) => re.test(f.title);
  if (zoom && model.frames.some((f) => title(f) && (f === zoom || isAncestor(f, zoom)))) return 'Matched: 100%';
  const visible = zoom ? model.frames.filter((f) => inSubtree(f, zoom)) : model.frames;
  const hit = new Set(visible.filter(title));
  const outer = [...hit].filter((m) => { for (let a = m.parent; a; a = a.parent) if (hit.has(a)) return false; return true; });
  const count = outer.reduce((sum, f) => sum + f.s, 0);
  const basis = zoom ? zoom.s : model.total;
  return 'Matched: ' + pctText(100 * count / basis) + '%';
}
// What a zoomed label may be: empty, the title up to its last "(...)" group, or a cut of that with "..";
// empty when fewer than 2 * fontsize * fontwidth pixels are left after the 3 px indent. Which cut is
// flamegraph.pl's measured one is checked against flamegraph.pl's own script (referenceLabels).
function labelShapeOk(label, title, w, fontsize, fontwidth) {
  if (w - 3 < 2 * fontsize * fontwidth) return label === '';
  const text = title.replace(/\([^(]*\)$/, '');
  return label === '' || label === text || (label.endsWith('..') && text.startsWith(label.slice(0, -2)));
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---- the page side ---------------------------------------------------------------------------------
// Everything one graph shows: frames in document order with their depth (rank of their row) and state.
function snapshotInPage(gi) {
  const svg = document.querySelectorAll('svg[data-fk-total]')[gi];
  const inverted = svg.getAttribute('data-fk-inverted') === '1';
  const gs = Array.from(svg.querySelectorAll('.fk-frame'));
  const yOf = (g) => parseFloat(g.querySelector('rect').getAttribute('y'));
  const ys = Array.from(new Set(gs.map(yOf))).sort((a, b) => (inverted ? a - b : b - a));
  const ctl = (cls) => {
    const e = svg.querySelector('.' + cls);
    if (!e) return null;
    const cs = getComputedStyle(e);
    return { text: e.textContent, display: cs.display, opacity: cs.opacity };
  };
  const num = (n) => parseFloat(svg.getAttribute(n));
  return JSON.stringify({
    frames: gs.map((g) => {
      const r = g.querySelector('rect'), t = g.querySelector('text');
      const outer = g.parentNode.localName === 'a' ? g.parentNode : g;
      const cs = getComputedStyle(outer);
      return {
        s: parseFloat(g.getAttribute('data-fk-s')), x: parseFloat(g.getAttribute('data-fk-x')),
        depth: ys.indexOf(yOf(g)), y: r.getAttribute('y'), rx: r.getAttribute('x'), rw: r.getAttribute('width'),
        fill: r.getAttribute('fill'), tx: t ? t.getAttribute('x') : null, label: t ? t.textContent : '',
        title: g.querySelector('title').textContent, display: cs.display, opacity: cs.opacity,
        link: outer !== g,
      };
    }),
    details: ctl('fk-details'), unzoom: ctl('fk-unzoom'), search: ctl('fk-search'),
    ic: ctl('fk-ignorecase'), matched: ctl('fk-matched'),
    total: num('data-fk-total'), width: num('data-fk-width'), xpad: num('data-fk-xpad'),
    fontsize: num('data-fk-fontsize'), fontwidth: num('data-fk-fontwidth'),
    searchcolor: svg.getAttribute('data-fk-searchcolor'),
  });  // one string: far faster through the protocol than 20,000 objects
}
const snapshot = async (page, gi = 0) => JSON.parse(await page.evaluate(snapshotInPage, gi));
// window.prompt answers `answer` and records its questions in window.__fkPrompts.
function stubPrompt(page, answer) {
  return page.evaluate((a) => {
    window.__fkPrompts = [];
    window.prompt = (msg) => { window.__fkPrompts.push(msg); return a; };
  }, answer);
}
const promptCount = (page) => page.evaluate(() => (window.__fkPrompts || []).length);
const elementOf = (page, gi, cls) => page.evaluateHandle(
    ([g, c]) => document.querySelectorAll('svg[data-fk-total]')[g].querySelector('.' + c), [gi, cls]);
const frameElement = (page, gi, index) => page.evaluateHandle(
    ([g, i]) => document.querySelectorAll('svg[data-fk-total]')[g].querySelectorAll('.fk-frame')[i], [gi, index]);
const queryOf = (page) => new URL(page.url()).searchParams;

// Pairs each model frame with its DOM frame (same depth and samples to the left).
function pairFrames(model, snap) {
  const byKey = new Map();
  snap.frames.forEach((d, i) => byKey.set(`${d.depth}:${d.x.toPrecision(12)}`, i));
  const pairs = [];
  const missing = [];
  for (const f of model.frames) {
    const i = byKey.get(`${f.depth}:${f.x.toPrecision(12)}`);
    if (i === undefined) missing.push(`${f.name}@${f.depth}:${f.x}`); else pairs.push({ f, d: snap.frames[i], i });
  }
  all('every frame of the folded input is drawn', missing);
  eq('no extra frames are drawn', snap.frames.length, model.frames.length);
  all('data-fk-s is the exact count', pairs.filter((p) => Math.abs(p.d.s - p.f.s) > EPS).map((p) => p.f.name));
  return pairs;
}
// The frame named `name` (with `s` samples, when several frames share the name).
const find = (pairs, name, s) => pairs.find((p) => p.f.name === name && (s === undefined || p.f.s === s));

// The view after zooming into `zoom` (a model frame): geometry, visibility, opacity and labels.
function checkZoomed(snap, pairs, zoom) {
  const full = snap.width - 2 * snap.xpad;
  const scale = full / zoom.s;
  const bad = { anc: [], sub: [], hid: [], lab: [] };
  for (const { f, i } of pairs) {
    const d = snap.frames[i];
    let w = null;
    if (f !== zoom && isAncestor(f, zoom)) {
      if (d.display === 'none' || d.opacity !== '0.5' || !near(d.rx, snap.xpad) || !near(d.rw, full)) {
        bad.anc.push(`${f.name} display=${d.display} opacity=${d.opacity} x=${d.rx} w=${d.rw}`);
      }
      w = full;
    } else if (inSubtree(f, zoom)) {
      const x = snap.xpad + (f.x - zoom.x) * scale;
      if (d.display === 'none' || d.opacity !== '1' || !near(d.rx, x) || !near(d.rw, f.s * scale) ||
          !near(d.tx, x + 3)) {
        bad.sub.push(`${f.name} display=${d.display} opacity=${d.opacity} x=${d.rx}/${x} w=${d.rw}/${f.s * scale}`);
      }
      w = f.s * scale;
    } else if (d.display !== 'none') {
      bad.hid.push(`${f.name} display=${d.display}`);
    }
    if (w !== null && f.clean && !labelShapeOk(d.label, f.title, w, snap.fontsize, snap.fontwidth)) {
      bad.lab.push(`${show(d.label)} for ${f.name} in ${w.toFixed(1)}px`);
    }
  }
  const z = snap.frames[pairs.find((p) => p.f === zoom).i];
  check('zoomed frame spans the full width', near(z.rx, snap.xpad) && near(z.rw, full) && z.opacity === '1',
        `x=${z.rx} w=${z.rw} opacity=${z.opacity}`);
  all('ancestors full width at 50% opacity', bad.anc);
  all('frames under the zoomed one scaled', bad.sub);
  all('unrelated frames hidden', bad.hid);
  all('labels re-fitted: empty, whole or cut with ..', bad.lab);
  eq('Reset Zoom shown', snap.unzoom.display !== 'none', true);
}
// The view with no zoom: exactly the picture flame-svg wrote (`initial`).
function checkUnzoomed(snap, initial) {
  const bad = [];
  snap.frames.forEach((d, i) => {
    const o = initial.frames[i];
    for (const k of ['rx', 'rw', 'tx', 'label', 'title', 'display', 'opacity']) {
      if (d[k] !== o[k]) bad.push(`${o.title}: ${k} ${show(d[k])} != ${show(o[k])}`);
    }
  });
  all('original picture restored', bad);
  eq('Reset Zoom hidden', snap.unzoom.display, 'none');
}
// Highlighted frames are exactly those whose title matches `re`; the others keep their fill.
function checkHighlight(snap, initial, re) {
  const bad = [];
  snap.frames.forEach((d, i) => {
    const want = re && re.test(d.title.replace(/, [0-9.]+% of zoomed frame\)$/, ')')) ? snap.searchcolor : initial.frames[i].fill;
    if (d.fill !== want) bad.push(`${d.title}: ${d.fill} != ${want}`);
  });
  all(re ? `frames matching ${re} highlighted, others not` : 'no frame highlighted', bad);
}

// ---- browser plumbing ------------------------------------------------------------------------------
const errors = [];
let context;
async function newPage() {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${page.url()})`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message} (${page.url()})`));
  return page;
}
// Runs flame-svg (or, with perl set, flamegraph.pl) as `ARGS INPUT > OUT` in cwd; returns out.
function flameSvg(args, input, out, { cwd = undefined, perl = false } = {}) {
  const [cmd, argv] = perl ? ['perl', [FLAMEGRAPH_PL, ...args, input]] : [FLAME_SVG, [...args, input]];
  const r = spawnSync(cmd, argv, { encoding: 'buffer', maxBuffer: 1 << 30, cwd });
  fs.writeFileSync(out, r.stdout);
  if (r.status !== 0 && !(r.status === 2 && /No valid input|No stack counts/.test(r.stdout.toString()))) {
    throw new Error(`${perl ? 'flamegraph.pl' : 'flame-svg'} ${args.join(' ')} ${path.basename(input)} exited ` +
                    `${r.status}: ${r.stderr.toString().trim()}`);
  }
  return out;
}
const fileUrl = (p) => pathToFileURL(p).href;

// ---- the scenarios ---------------------------------------------------------------------------------
const kBasic = `main;init;load_config 3
main;run;compute;inner_loop 41
main;run;compute;helper 11
main;run;io;read 17
main;run;io;write 5
main;shutdown 2
other;thread;compute 27
main;very_long_function_name_that_cannot_fit_in_a_narrow_frame_of_this_graph_at_all;leaf 1
`;

async function basicGraph() {
  group = 'basic';
  const input = path.join(WORK, 'basic.folded');
  fs.writeFileSync(input, kBasic);
  const svgPath = flameSvg([], input, path.join(WORK, 'basic.svg'));
  const model = foldedModel(Buffer.from(kBasic));
  const page = await newPage();
  await page.goto(fileUrl(svgPath));
  const initial = await snapshot(page);
  const pairs = pairFrames(model, initial);
  const compute = find(pairs, 'compute', 52);
  const inner = find(pairs, 'inner_loop');
  const run = find(pairs, 'run');
  const root = find(pairs, 'all');
  if (!compute || !inner || !run || !root) { check('basic frames present', false); await page.close(); return; }
  eq('Reset Zoom hidden at first', initial.unzoom.display, 'none');
  eq('details line blank at first', initial.details.text, ' ');

  // Tooltip and details line.
  eq('tooltip', compute.d.title, 'compute (52 samples, 48.60%)');
  await (await frameElement(page, 0, compute.i)).hover();
  eq('hover shows nametype + tooltip', (await snapshot(page)).details.text, 'Function: compute (52 samples, 48.60%)');
  await page.mouse.move(1, 1);
  eq('details cleared on mouse out', (await snapshot(page)).details.text, ' ');

  // Click to zoom.
  await (await frameElement(page, 0, compute.i)).click();
  let snap = await snapshot(page);
  checkZoomed(snap, pairs, compute.f);
  let q = queryOf(page);
  eq('URL x is data-fk-x of the zoomed frame', q.get('x'), String(compute.f.x));
  eq('URL y is the row of the zoomed frame', q.get('y'), compute.d.y);
  await (await frameElement(page, 0, inner.i)).hover();
  eq('tooltip when zoomed has % of the zoomed frame', (await snapshot(page)).details.text,
     'Function: inner_loop (41 samples, 38.32%, 78.85% of zoomed frame)');

  // Search while zoomed: only what is visible counts, as a share of the zoomed frame.
  const term = '^(inner_loop|read|write) ';
  const re = new RegExp(term);
  await stubPrompt(page, term);
  await (await elementOf(page, 0, 'fk-search')).click();
  snap = await snapshot(page);
  eq('Search asks once', await promptCount(page), 1);
  checkHighlight(snap, initial, re);
  eq('Matched while zoomed (of the zoomed frame)', snap.matched.text, expectedMatched(model, re, compute.f));
  eq('Matched while zoomed is 41/52', snap.matched.text, 'Matched: 78.8%');
  eq('Search button reads Reset Search', snap.search.text, 'Reset Search');
  eq('Search button lit', snap.search.opacity, '1');
  eq('URL s', queryOf(page).get('s'), term);
  await (await elementOf(page, 0, 'fk-matched')).hover();
  check('details explain the Matched basis', /41 of 52 samples in the zoomed frame compute/.test((await snapshot(page)).details.text),
        (await snapshot(page)).details.text);
  await page.mouse.move(1, 1);

  // URL round trip: a new page with the same URL opens the same view.
  const zoomedUrl = page.url();
  const zoomedSnap = snap;
  {
    const p2 = await newPage();
    await p2.goto(zoomedUrl);
    const s2 = await snapshot(p2);
    checkZoomed(s2, pairs, compute.f);
    checkHighlight(s2, initial, re);
    eq('URL round trip: Matched', s2.matched.text, zoomedSnap.matched.text);
    const diff = s2.frames.filter((d, i) => ['rx', 'rw', 'label', 'display', 'opacity', 'fill', 'title']
        .some((k) => d[k] !== zoomedSnap.frames[i][k]));
    all('URL round trip: same picture', diff.map((d) => d.title));
    await p2.close();
    const p3 = await newPage();
    await p3.goto(`${fileUrl(svgPath)}?keep=1&x=${inner.f.x}&y=${inner.d.y}&s=${encodeURIComponent('^read ')}`);
    const s3 = await snapshot(p3);
    checkZoomed(s3, pairs, inner.f);
    eq('hand-written URL: Matched', s3.matched.text, expectedMatched(model, /^read /, inner.f));
    await (await elementOf(p3, 0, 'fk-unzoom')).click();
    const q3 = queryOf(p3);
    check('other query parameters are kept', q3.get('keep') === '1' && !q3.has('x') && q3.get('s') === '^read ',
          p3.url());
    await p3.close();
  }

  // Reset Zoom: the original picture, Matched of the total.
  await (await elementOf(page, 0, 'fk-unzoom')).click();
  snap = await snapshot(page);
  checkUnzoomed(snap, initial);
  checkHighlight(snap, initial, re);
  eq('Matched after Reset Zoom (of the total)', snap.matched.text, expectedMatched(model, re, null));
  eq('Matched after Reset Zoom is 63/107', snap.matched.text, 'Matched: 58.9%');
  q = queryOf(page);
  check('URL loses x and y on Reset Zoom', !q.has('x') && !q.has('y') && q.get('s') === term, page.url());

  // Clicking Search again resets the search.
  await (await elementOf(page, 0, 'fk-search')).click();
  snap = await snapshot(page);
  eq('second Search click does not ask', await promptCount(page), 1);
  checkHighlight(snap, initial, null);
  eq('Matched cleared', snap.matched.text.trim(), '');
  eq('Search button reads Search', snap.search.text, 'Search');
  check('URL loses s', !queryOf(page).has('s'), page.url());

  // Nested matches count once (outermost only), Ctrl-F opens the prompt.
  await stubPrompt(page, 'compute|inner');
  await page.mouse.move(400, 60);
  await page.keyboard.press('Control+f');
  snap = await snapshot(page);
  eq('Ctrl-F asks', await promptCount(page), 1);
  eq('nested matches count once', snap.matched.text, expectedMatched(model, /compute|inner/, null));
  eq('nested matches count once (79/107)', snap.matched.text, 'Matched: 73.8%');
  await page.keyboard.press('F3');
  snap = await snapshot(page);
  eq('F3 while searching resets the search', snap.matched.text.trim(), '');
  eq('F3 reset does not ask', await promptCount(page), 1);

  // Ignore case: a search that only matches without case, toggled by Ctrl-I and by the ic button.
  await stubPrompt(page, '^COMPUTE ');
  await page.keyboard.press('F3');
  snap = await snapshot(page);
  eq('F3 asks', await promptCount(page), 1);
  eq('case-sensitive search matches nothing', snap.matched.text, 'Matched: 0.0%');
  checkHighlight(snap, initial, /^COMPUTE /);
  await page.keyboard.press('Control+i');
  snap = await snapshot(page);
  eq('ic lit after Ctrl-I', snap.ic.opacity, '1');
  checkHighlight(snap, initial, /^COMPUTE /i);
  eq('ignore-case Matched', snap.matched.text, expectedMatched(model, /^COMPUTE /i, null));
  eq('URL i=1', queryOf(page).get('i'), '1');
  const prompt = await page.evaluate(() => window.__fkPrompts[0]);
  check('prompt text as flamegraph.pl', /^Enter a search term \(regexp allowed, eg: \^ext4_\)\nPress Ctrl-i/.test(prompt), show(prompt));
  await (await elementOf(page, 0, 'fk-ignorecase')).click();
  await page.mouse.move(1, 1);  // off the button: :hover lights it too
  snap = await snapshot(page);
  check('ic dim after clicking it', snap.ic.opacity !== '1', snap.ic.opacity);
  eq('case-sensitive again', snap.matched.text, 'Matched: 0.0%');
  check('URL loses i', !queryOf(page).has('i'), page.url());
  await (await elementOf(page, 0, 'fk-search')).click();

  // An invalid regex is reported, not thrown.
  await stubPrompt(page, '(unclosed');
  await (await elementOf(page, 0, 'fk-search')).click();
  snap = await snapshot(page);
  checkHighlight(snap, initial, null);
  eq('invalid regex reported', snap.matched.text, 'Invalid regex');

  // Clicking an ancestor zooms out to it; clicking the root resets the zoom.
  await (await frameElement(page, 0, inner.i)).click();
  checkZoomed(await snapshot(page), pairs, inner.f);
  await (await frameElement(page, 0, run.i)).click();
  checkZoomed(await snapshot(page), pairs, run.f);
  eq('URL follows the ancestor', queryOf(page).get('x'), String(run.f.x));
  await (await frameElement(page, 0, root.i)).click();
  checkUnzoomed(await snapshot(page), initial);
  check('URL loses x after clicking the root', !queryOf(page).has('x'), page.url());

  // A narrow frame keeps a truncated label that is re-fitted when zoomed.
  const long = pairs.find((p) => p.f.name.startsWith('very_long'));
  await (await frameElement(page, 0, find(pairs, 'main').i)).click();
  snap = await snapshot(page);
  const longNow = snap.frames[long.i];
  check('long label truncated with ..', longNow.label === '' || longNow.label.endsWith('..'), longNow.label);
  await page.close();
}

async function invertedGraph() {
  group = 'inverted';
  const input = path.join(WORK, 'basic.folded');
  const svgPath = flameSvg(['--inverted'], input, path.join(WORK, 'inverted.svg'));
  const model = foldedModel(Buffer.from(kBasic));
  const page = await newPage();
  await page.goto(fileUrl(svgPath));
  const initial = await snapshot(page);
  const pairs = pairFrames(model, initial);
  const io = find(pairs, 'io');
  const root = find(pairs, 'all');
  if (!io || !root) { check('frames present', false); await page.close(); return; }
  check('icicle: the root is the top row', parseFloat(root.d.y) < parseFloat(io.d.y), `${root.d.y} vs ${io.d.y}`);
  await (await frameElement(page, 0, io.i)).click();
  checkZoomed(await snapshot(page), pairs, io.f);
  await stubPrompt(page, '^(read|run|compute) ');
  await (await elementOf(page, 0, 'fk-search')).click();
  const snap = await snapshot(page);
  eq('ancestor match fills the zoomed view', snap.matched.text, expectedMatched(model, /^(read|run|compute) /, io.f));
  eq('ancestor match is 100%', snap.matched.text, 'Matched: 100%');
  await (await elementOf(page, 0, 'fk-unzoom')).click();
  checkUnzoomed(await snapshot(page), initial);
  await page.close();
}

// A flame chart keeps input order, so one function can have several frames at one depth.
async function flameChart() {
  group = 'flamechart';
  const text = 'main;a;x 5\nmain;b 3\nmain;a;y 4\nmain;a;x 2\n';
  const input = path.join(WORK, 'chart.folded');
  fs.writeFileSync(input, text);
  const svgPath = flameSvg(['--flamechart'], input, path.join(WORK, 'chart.svg'));
  const model = foldedModel(Buffer.from(text), { flamechart: true });
  const page = await newPage();
  await page.goto(fileUrl(svgPath));
  const initial = await snapshot(page);
  const pairs = pairFrames(model, initial);
  const second = pairs.find((p) => p.f.name === 'a' && p.f.x === 8);
  if (!second) { check('second a frame present', false); await page.close(); return; }
  await (await frameElement(page, 0, second.i)).click();
  checkZoomed(await snapshot(page), pairs, second.f);
  await stubPrompt(page, '^x ');
  await (await elementOf(page, 0, 'fk-search')).click();
  eq('Matched in the zoomed second a', (await snapshot(page)).matched.text, expectedMatched(model, /^x /, second.f));
  eq('Matched in the zoomed second a is 2/6', (await snapshot(page)).matched.text, 'Matched: 33.3%');
  await (await elementOf(page, 0, 'fk-unzoom')).click();
  checkUnzoomed(await snapshot(page), initial);
  eq('Matched unzoomed is 7/14', (await snapshot(page)).matched.text, 'Matched: 50.0%');
  await page.close();
}

async function linkedGraph() {
  group = 'nameattr';
  const input = path.join(WORK, 'basic.folded');
  const target = path.join(WORK, 'target.html');
  fs.writeFileSync(target, '<!doctype html><title>target</title><p>link target</p>\n');
  const attrs = path.join(WORK, 'nameattr.txt');
  fs.writeFileSync(attrs, 'inner_loop\thref=target.html\n');
  const svgPath = flameSvg(['--nameattr', attrs], input, path.join(WORK, 'linked.svg'));
  const model = foldedModel(Buffer.from(kBasic));
  const page = await newPage();
  await page.goto(fileUrl(svgPath));
  const initial = await snapshot(page);
  const pairs = pairFrames(model, initial);
  const inner = find(pairs, 'inner_loop');
  if (!inner) { check('frames present', false); await page.close(); return; }
  eq('the frame is wrapped in <a>', inner.d.link, true);
  await (await frameElement(page, 0, inner.i)).click({ modifiers: ['Control'] });
  eq('Ctrl-click zooms instead of following', page.url().startsWith(fileUrl(svgPath)), true);
  checkZoomed(await snapshot(page), pairs, inner.f);
  await (await elementOf(page, 0, 'fk-unzoom')).click();
  checkUnzoomed(await snapshot(page), initial);
  await (await frameElement(page, 0, inner.i)).hover();
  eq('hover over a link shows the tooltip', (await snapshot(page)).details.text, 'Function: ' + inner.f.title);
  await Promise.all([page.waitForURL(fileUrl(target)), (await frameElement(page, 0, inner.i)).click()]);
  eq('a plain click follows the link', page.url(), fileUrl(target));
  await page.close();
}

// Two graphs inlined in one HTML page: each keeps its own zoom, search, keys and URL keys.
async function twoGraphs() {
  group = 'two graphs';
  const other = 'alpha;beta;gamma 7\nalpha;beta;delta 5\nalpha;epsilon 3\nzeta;compute 9\n';
  const input2 = path.join(WORK, 'other.folded');
  fs.writeFileSync(input2, other);
  const strip = (p) => fs.readFileSync(p, 'utf8').replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/, '');
  const a = strip(path.join(WORK, 'basic.svg'));
  const b = strip(flameSvg([], input2, path.join(WORK, 'other.svg')));
  const html = path.join(WORK, 'two.html');
  fs.writeFileSync(html, `<!doctype html>\n<html><head><meta charset="utf-8"><title>two graphs</title></head>\n` +
                         `<body><h1>first</h1>\n${a}\n<h1>second</h1>\n${b}\n</body></html>\n`);
  const modelA = foldedModel(Buffer.from(kBasic));
  const modelB = foldedModel(Buffer.from(other));
  const page = await newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(fileUrl(html));
  eq('two graphs found', await page.evaluate(() => document.querySelectorAll('svg[data-fk-total]').length), 2);
  const initA = await snapshot(page, 0), initB = await snapshot(page, 1);
  const pairsA = pairFrames(modelA, initA), pairsB = pairFrames(modelB, initB);
  const computeA = find(pairsA, 'compute', 52), betaB = find(pairsB, 'beta');
  if (!computeA || !betaB) { check('frames present', false); await page.close(); return; }
  const same = (s, init) => s.frames.every((d, i) => ['rx', 'rw', 'label', 'display', 'opacity', 'fill', 'title']
      .every((k) => d[k] === init.frames[i][k])) && s.matched.text === init.matched.text;

  await (await frameElement(page, 0, computeA.i)).click();
  checkZoomed(await snapshot(page, 0), pairsA, computeA.f);
  eq('zooming the first leaves the second alone', same(await snapshot(page, 1), initB), true);
  await (await frameElement(page, 1, betaB.i)).hover();
  eq('hover writes the second graph\'s details', (await snapshot(page, 1)).details.text, 'Function: ' + betaB.f.title);
  eq('and not the first\'s', (await snapshot(page, 0)).details.text, ' ');

  await stubPrompt(page, '^(gamma|compute) ');
  await (await elementOf(page, 1, 'fk-search')).click();
  const sb = await snapshot(page, 1);
  eq('search in the second graph', sb.matched.text, expectedMatched(modelB, /^(gamma|compute) /, null));
  checkHighlight(sb, initB, /^(gamma|compute) /);
  const sa = await snapshot(page, 0);
  checkHighlight(sa, initA, null);
  eq('the first graph has no Matched', sa.matched.text.trim(), '');

  // Keys go to the graph under the pointer.
  await stubPrompt(page, '^inner_loop ');
  await (await frameElement(page, 0, computeA.i)).hover();
  await page.keyboard.press('Control+f');
  eq('Ctrl-F over the first graph asks once', await promptCount(page), 1);
  eq('first graph searched', (await snapshot(page, 0)).matched.text, expectedMatched(modelA, /^inner_loop /, computeA.f));
  eq('second graph search kept', (await snapshot(page, 1)).matched.text, sb.matched.text);

  const q = queryOf(page);
  check('URL keys: x,y,s for the first graph, s2 for the second',
        q.get('x') === String(computeA.f.x) && q.get('s') === '^inner_loop ' && q.get('s2') === '^(gamma|compute) ' &&
        !q.has('x2'), page.url());
  const url = page.url();
  const p2 = await newPage();
  await p2.setViewportSize({ width: 1280, height: 1000 });
  await p2.goto(url);
  checkZoomed(await snapshot(p2, 0), pairsA, computeA.f);
  eq('round trip: first Matched', (await snapshot(p2, 0)).matched.text, expectedMatched(modelA, /^inner_loop /, computeA.f));
  eq('round trip: second Matched', (await snapshot(p2, 1)).matched.text, sb.matched.text);
  eq('round trip: second not zoomed', (await snapshot(p2, 1)).unzoom.display, 'none');
  await p2.close();
  await page.close();
}

// The shared conformance inputs: zoom into the widest deep frame, search a frequent name, reset.
async function conformanceGraphs() {
  const dir = SHARED ? path.join(SHARED, 'conformance/svg/inputs') : null;
  if (!dir || !fs.existsSync(dir)) { group = 'conformance'; check(`inputs in ${dir}`, false); return; }
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.folded')).sort()) {
    group = `conformance ${file}`;
    const input = path.join(dir, file);
    const svgPath = flameSvg([], input, path.join(WORK, file.replace(/\.folded$/, '.svg')));
    const page = await newPage();
    const start = Date.now();
    await page.goto(fileUrl(svgPath));
    const model = foldedModel(fs.readFileSync(input));
    if (model.total === 0) {
      eq('no frames for empty input', await page.evaluate(() => document.querySelectorAll('.fk-frame').length), 0);
      await page.close();
      continue;
    }
    const initial = await snapshot(page);
    const pairs = pairFrames(model, initial);
    const deep = pairs.filter((p) => p.f.depth >= 2 && p.f.s < model.total);
    const candidates = deep.length ? deep : pairs.filter((p) => p.f.depth >= 1);
    const zoom = candidates.reduce((best, p) => (!best || p.f.s > best.f.s ? p : best), null);
    // The most frequent clean name below the zoomed frame (at least 2 levels down) as the search.
    const counts = new Map();
    for (const { f } of pairs) if (f.clean && /^[\x21-\x7e]{3,}$/.test(f.name)) counts.set(f.name, (counts.get(f.name) || 0) + 1);
    const below = pairs.filter((p) => p.f.depth >= zoom.f.depth + 2 && inSubtree(p.f, zoom.f) && counts.has(p.f.name));
    const name = below.length ? below.reduce((b, p) => (counts.get(p.f.name) > counts.get(b.f.name) ? p : b)).f.name
                              : zoom.f.name;
    const term = escapeRe(name);
    const re = new RegExp(term);

    await (await frameElement(page, 0, zoom.i)).click();
    checkZoomed(await snapshot(page), pairs, zoom.f);
    await stubPrompt(page, term);
    await (await elementOf(page, 0, 'fk-search')).click();
    let snap = await snapshot(page);
    checkHighlight(snap, initial, re);
    eq(`Matched for /${term}/ zoomed into ${zoom.f.name}`, snap.matched.text, expectedMatched(model, re, zoom.f));
    await (await elementOf(page, 0, 'fk-unzoom')).click();
    snap = await snapshot(page);
    checkUnzoomed(snap, initial);
    eq(`Matched for /${term}/ unzoomed`, snap.matched.text, expectedMatched(model, re, null));
    console.log(`# ${file}: ${pairs.length} frames, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    await page.close();
  }
}

// ---- side by side with flamegraph.pl's own script ---------------------------------------------------
// flamegraph.pl's SVG and ours for one input, loaded in the same browser: the same frames are zoomed by
// clicking in both, and every label then shown is compared. The zoomed geometry differs a little on
// purpose (flamegraph.pl scales its widths rounded to 0.1 px, we scale exact sample counts), so labels
// are compared directly where the two widths agree, and every label we show is compared with what
// flamegraph.pl's own update_text() writes when its rect is given our width.

// Every frame of either kind of graph in document order: flamegraph.pl's children of #frames (a <g>,
// or an <a> with --nameattr), or our .fk-frame (its <a> when linked).
function framesInPage() {
  const ref = document.getElementById('frames');
  const outers = ref ? Array.from(ref.children) : Array.from(document.querySelectorAll('.fk-frame'))
      .map((g) => (g.parentNode.localName === 'a' ? g.parentNode : g));
  const svg = document.documentElement;
  return JSON.stringify({
    inverted: svg.getAttribute('data-fk-inverted') === '1',
    frames: outers.map((o) => {
      const r = o.querySelector('rect'), t = o.querySelector('text'), g = o.querySelector('.fk-frame') || o;
      return {
        x: r.getAttribute('x'), w: r.getAttribute('width'), y: r.getAttribute('y'),
        title: o.querySelector('title').textContent, label: t ? t.textContent : '',
        shown: getComputedStyle(o).display !== 'none', link: o.localName === 'a',
        s: parseFloat(g.getAttribute('data-fk-s')), sx: parseFloat(g.getAttribute('data-fk-x')),
      };
    }),
  });
}
const framesOf = async (page) => JSON.parse(await page.evaluate(framesInPage));
// A frame in either kind of graph, by its index in framesInPage(): the <g> (or <a>) a click goes to.
const frameAt = (page, i) => page.evaluateHandle((n) => {
  const ref = document.getElementById('frames');
  return ref ? ref.children[n] : document.querySelectorAll('.fk-frame')[n];
}, i);
// In flamegraph.pl's page: gives frame n our x and width, shows it and runs flamegraph.pl's own
// update_text() on it; returns the labels it wrote.
function refUpdateText(updates) {
  const frames = document.getElementById('frames').children;
  return updates.map(([n, x, w]) => {
    const e = frames[n], r = e.querySelector('rect');
    e.classList.remove('hide');
    r.setAttribute('x', x);
    r.setAttribute('width', w);
    update_text(e);  // eslint-disable-line no-undef -- flamegraph.pl's global
    return e.querySelector('text').textContent;
  });
}

// Pairs our frames with flamegraph.pl's by their static rect, row and title; keys that occur twice
// (frames too narrow to tell apart by pixels) are left out.
function pairWithReference(ours, ref) {
  const key = (f) => `${f.y}|${f.x}|${f.w}|${f.title}`;
  const count = new Map();
  for (const f of [...ours.frames, ...ref.frames]) count.set(key(f), (count.get(key(f)) || 0) + 1);
  const refAt = new Map(ref.frames.map((f, j) => [key(f), j]));
  const pairs = [];
  ours.frames.forEach((f, i) => { if (count.get(key(f)) === 2 && refAt.has(key(f))) pairs.push([i, refAt.get(key(f))]); });
  const twice = ours.frames.filter((f) => count.get(key(f)) > 2).length;
  check('flamegraph.pl draws the frames we draw', ours.frames.length > 0 && ref.frames.length === ours.frames.length &&
        pairs.length + twice === ours.frames.length,
        `${pairs.length} of ${ours.frames.length} paired (${twice} not told apart), flamegraph.pl has ${ref.frames.length}`);
  all('static labels equal', pairs.filter(([i, j]) => ours.frames[i].label !== ref.frames[j].label)
      .map(([i, j]) => `${show(ours.frames[i].label)} vs ${show(ref.frames[j].label)}`));
  return pairs;
}
// Frames to zoom into: the widest below the root that does not fill the graph, a narrow one (1.5 to 6
// px) with the most frames above it, and the one nearest 150 px wide; each with something above it.
function zoomTargets(g) {
  const eps = 1e-7, fr = g.frames;
  const deeper = (e, f) => (g.inverted ? parseFloat(e.y) > parseFloat(f.y) : parseFloat(e.y) < parseFloat(f.y));
  const under = (f) => fr.filter((e) => deeper(e, f) && e.sx >= f.sx - eps && e.sx + e.s <= f.sx + f.s + eps).length;
  const total = Math.max(...fr.map((f) => f.s));
  const cands = fr.map((f, i) => ({ f, i, n: under(f), w: parseFloat(f.w) })).filter((c) => c.n > 0 && c.f.s < total);
  const pick = (list, better) => list.reduce((b, c) => (!b || better(c, b) ? c : b), null);
  const targets = [
    pick(cands, (c, b) => c.f.s > b.f.s),
    pick(cands.filter((c) => c.w >= 1.5 && c.w <= 6), (c, b) => c.n > b.n),
    pick(cands, (c, b) => Math.abs(c.w - 150) < Math.abs(b.w - 150)),
  ].filter(Boolean);
  return [...new Set(targets.map((c) => c.i))];
}

// One case: our SVG and flamegraph.pl's of the same input and arguments.
async function compareZooms(name, oursPath, refPath, { exact = false } = {}) {
  group = `labels vs flamegraph.pl: ${name}`;
  const start = Date.now();
  const page = await newPage(), ref = await newPage();
  await page.goto(fileUrl(oursPath));
  await ref.goto(fileUrl(refPath));
  const ours0 = await framesOf(page), ref0 = await framesOf(ref);
  const pairs = pairWithReference(ours0, ref0);
  const layout = await page.evaluate(() => ['data-fk-width', 'data-fk-xpad']
      .map((a) => parseFloat(document.documentElement.getAttribute(a))));
  const full = layout[0] - 2 * layout[1];
  let compared = 0, direct = 0, asClicked = 0;
  const targets = zoomTargets(ours0);
  for (const zi of targets) {
    const z = ours0.frames[zi];
    const zj = pairs.find(([i]) => i === zi);
    if (!zj) { check(`zoom target ${z.title} paired`, false); continue; }
    if (zi !== targets[0]) { await page.goto(fileUrl(oursPath)); await ref.goto(fileUrl(refPath)); }
    const modifiers = z.link ? ['Control'] : [];
    await (await frameAt(page, zi)).click({ modifiers });
    await (await frameAt(ref, zj[1])).click({ modifiers });
    const ours = await framesOf(page), theirs = await framesOf(ref);
    const what = `zoomed into ${z.title} (${z.w} px)`;
    // Our exact widths, computed as our script computes them: ancestors full, the rest scaled.
    const scale = full / z.s;
    const shallower = (e) => (ours0.inverted ? parseFloat(e.y) < parseFloat(z.y) : parseFloat(e.y) > parseFloat(z.y));
    const widthOf = (i) => {
      const e = ours0.frames[i];
      return shallower(e) && e.sx <= z.sx + 1e-7 && e.sx + e.s >= z.sx + z.s - 1e-7 ? full : e.s * scale;
    };
    const shown = pairs.filter(([i]) => ours.frames[i].shown).map(([i, j]) => ({
      i, j, w: widthOf(i), ours: ours.frames[i], theirs: theirs.frames[j] }));
    const same = shown.filter((c) => c.theirs.shown && Math.abs(c.w - parseFloat(c.theirs.w)) <= 1e-6);
    all(`${what}: labels equal where the widths agree`, same.filter((c) => c.ours.label !== c.theirs.label)
        .map((c) => `${show(c.ours.label)} vs ${show(c.theirs.label)} at ${c.theirs.w} px`));
    if (exact) eq(`${what}: every shown frame has flamegraph.pl's width`, same.length, shown.length);
    all(`${what}: the frames flamegraph.pl shows`, pairs.filter(([i, j]) => ours.frames[i].shown !== theirs.frames[j].shown)
        .map(([i, j]) => `${ours.frames[i].title}: ours ${ours.frames[i].shown}, flamegraph.pl ${theirs.frames[j].shown}`));
    const wrote = await ref.evaluate(refUpdateText, shown.map((c) => [c.j, c.ours.x, String(c.w)]));
    shown.forEach((c, k) => { c.wrote = wrote[k]; });
    all(`${what}: every label is flamegraph.pl's update_text() at our width`, shown.filter((c) => c.ours.label !== c.wrote)
        .map((c) => `${show(c.ours.label)} vs ${show(c.wrote)} at ${c.w.toFixed(3)} px for ${c.ours.title}`));
    compared += shown.length;
    direct += same.length;
    asClicked += shown.filter((c) => c.ours.label === c.theirs.label).length;
  }
  console.log(`# ${name}: ${targets.length} zooms, ${compared} labels compared (${direct} at equal widths, ` +
              `${asClicked} the same as clicked), ${((Date.now() - start) / 1000).toFixed(1)} s`);
  await page.close();
  await ref.close();
}

// The shared references made by flamegraph.pl (CI has them) and our svg-extra ones, and, with a
// FlameGraph checkout, graphs flamegraph.pl draws now: the basic example and one made for labels, where
// 11800 samples make 0.1 px a sample, so flamegraph.pl's widths are exact too and every label can be
// compared directly.
const kReferenceCases = [
  ['conformance/svg', 'example-perf', 'default'], ['conformance/svg', 'example-perf', 'layout'],
  ['conformance/svg', 'example-perf', 'narrow'], ['conformance/svg', 'java-all', 'inverted'],
  ['conformance/svg', 'dtrace', 'default'], ['conformance/svg', 'edge', 'default'],
  ['svg-extra', 'diffmix', 'diff'], ['svg-extra', 'quirks', 'default'], ['svg-extra', 'chart', 'fontwidth'],
  ['svg-extra', 'chart', 'nameattr'],
];
function labelsInput() {
  const names = ['__raw_callee_save___pv_queued_spin_unlock', 'page_fault', 'p', 'do_syscall_64', 'café_日本語',
                 'std::vector<int>::push_back(int const&)', 'WWWWWWWWWWWW', 'iiiiiiiiiiiiiiii', 'a b c', 'xy'];
  const lines = [];
  let used = 0;
  for (let n = 1; n <= 40; n++) {
    lines.push(`outer;${names[n % names.length]}_${n} ${n}`);
    used += n;
  }
  lines.push(`outer;tower;page_fault;handle_mm_fault;__handle_mm_fault;p 3`);
  lines.push(`outer;zz_rest ${1180 - used - 3}`);
  lines.push(`other;__raw_callee_save___pv_queued_spin_unlock ${11800 - 1180}`);
  return lines.join('\n') + '\n';
}
// Unpacks a reference SVG and writes ours beside it, run as the reference was (from its directory, so
// arguments naming inputs/... work).
function referencePair(dir, input, kase) {
  const rows = fs.readFileSync(path.join(dir, 'cases.tsv'), 'utf8').split('\n').map((l) => l.split('\t'));
  const row = rows.find((r) => r[0] === input && r[1] === kase);
  const gz = path.join(dir, 'expected', `${input}--${kase}.svg.gz`);
  if (!row || !fs.existsSync(gz)) return null;
  const refPath = path.join(WORK, `ref-${input}--${kase}.svg`);
  fs.writeFileSync(refPath, zlib.gunzipSync(fs.readFileSync(gz)));
  const args = (row[2] || '').split(' ').filter(Boolean);
  const oursPath = flameSvg(args, `inputs/${input}.folded`, path.join(WORK, `ours-${input}--${kase}.svg`), { cwd: dir });
  return { oursPath, refPath };
}
async function referenceLabels() {
  for (const [where, input, kase] of kReferenceCases) {
    const dir = where === 'svg-extra' ? path.join(TOP || '', 'tests/conformance/svg-extra') : path.join(SHARED || '', where);
    const p = referencePair(dir, input, kase);
    if (!p) { group = 'labels vs flamegraph.pl'; check(`reference ${input}--${kase} in ${dir}`, false); continue; }
    await compareZooms(`${input}--${kase}`, p.oursPath, p.refPath);
  }
  if (!FLAMEGRAPH_PL) {
    console.log('# skip: labels vs flamegraph.pl run now: no FlameGraph checkout (FLAMEGRAPH_DIR, default ../FlameGraph)');
    return;
  }
  for (const [name, text] of [['basic', kBasic], ['labels', labelsInput()]]) {
    const input = path.join(WORK, `now-${name}.folded`);
    fs.writeFileSync(input, text);
    const refPath = flameSvg([], input, path.join(WORK, `now-${name}-ref.svg`), { perl: true });
    const oursPath = flameSvg([], input, path.join(WORK, `now-${name}-ours.svg`));
    await compareZooms(`flamegraph.pl now, ${name}`, oursPath, refPath, { exact: name === 'labels' });
  }
}

// flamegraph.pl's links (?x=<rect x>&y=<rect y>) open the same zoom in our SVG, and ours stay ours.
async function pixelLinks() {
  group = 'flamegraph.pl links';
  const dir = path.join(SHARED || '', 'conformance/svg');
  const p = referencePair(dir, 'example-perf', 'default');
  if (!p) { check(`reference example-perf--default in ${dir}`, false); return; }
  const model = foldedModel(fs.readFileSync(path.join(dir, 'inputs/example-perf.folded')));
  const page = await newPage(), ref = await newPage();
  await page.goto(fileUrl(p.oursPath));
  const initial = await snapshot(page);
  const pairs = pairFrames(model, initial);
  const ours0 = await framesOf(page);
  await ref.goto(fileUrl(p.refPath));
  const refPairs = pairWithReference(ours0, await framesOf(ref));
  for (const zi of zoomTargets(ours0)) {
    const zj = refPairs.find(([i]) => i === zi), z = pairs.find((q) => q.i === zi);
    if (!zj || !z) { check('zoom target paired', false); continue; }
    await ref.goto(fileUrl(p.refPath));
    await (await frameAt(ref, zj[1])).click();
    const query = new URL(ref.url()).search;
    check(`flamegraph.pl writes ?x=<rect x>&y=<rect y> for ${z.f.name}`,
          query === `?x=${ours0.frames[zi].x}&y=${ours0.frames[zi].y}`, query);
    await page.goto(fileUrl(p.oursPath) + query);
    group = `flamegraph.pl links: ${query} (${z.f.name})`;
    checkZoomed(await snapshot(page), pairs, z.f);
    group = 'flamegraph.pl links';
  }

  // A pixel x that is also a sample offset in the same row: 1180 samples make 1 px a sample, so q's
  // rect x and r's data-fk-x are both 139.3.
  const text = 'main;p 129.3\nmain;q 10\nmain;r 1040.7\n';
  const input = path.join(WORK, 'pixel.folded');
  fs.writeFileSync(input, text);
  const svgPath = flameSvg([], input, path.join(WORK, 'pixel.svg'));
  const m2 = foldedModel(Buffer.from(text));
  await page.goto(fileUrl(svgPath));
  const pairs2 = pairFrames(m2, await snapshot(page));
  const q = find(pairs2, 'q'), r = find(pairs2, 'r');
  if (!q || !r) { check('frames q and r present', false); await page.close(); await ref.close(); return; }
  eq('q is drawn at x 139.3', q.d.rx, '139.3');
  eq('r is 139.3 samples in', r.d.x, 139.3);
  await page.goto(`${fileUrl(svgPath)}?x=139.3&y=${q.d.y}`);
  group = 'flamegraph.pl links: ?x=139.3 is a rect x';
  checkZoomed(await snapshot(page), pairs2, q.f);
  group = 'flamegraph.pl links: our own link to r';
  await page.goto(fileUrl(svgPath));
  await (await frameElement(page, 0, r.i)).click();
  eq('a one-decimal sample offset is written with a trailing 0', queryOf(page).get('x'), '139.30');
  const own = page.url();
  await page.goto(own);
  checkZoomed(await snapshot(page), pairs2, r.f);
  if (FLAMEGRAPH_PL) {
    group = 'flamegraph.pl links: written by flamegraph.pl now';
    const refPath = flameSvg([], input, path.join(WORK, 'pixel-ref.svg'), { perl: true });
    await ref.goto(fileUrl(refPath));
    const refFrames = await framesOf(ref);
    const j = refFrames.frames.findIndex((f) => f.title === q.d.title);
    await (await frameAt(ref, j)).click();
    await page.goto(fileUrl(svgPath) + new URL(ref.url()).search);
    checkZoomed(await snapshot(page), pairs2, q.f);
  }
  await page.close();
  await ref.close();
}

// ---- main ------------------------------------------------------------------------------------------
const timer = setTimeout(() => { console.log('not ok - timed out after 480 s'); process.exit(1); }, 480000);
const userDataDir = fs.mkdtempSync(path.join(WORK, 'chromium-profile-'));
context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const scenario of [basicGraph, invertedGraph, flameChart, linkedGraph, twoGraphs, conformanceGraphs,
                          referenceLabels, pixelLinks]) {
    const start = Date.now();
    try {
      await scenario();
      console.log(`# ${scenario.name}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
    } catch (err) {
      check('scenario ran to the end', false, err.stack || String(err));
    }
  }
} finally {
  await context.close();
  clearTimeout(timer);
}
group = 'all pages';
all('no JavaScript or console errors', errors);
console.log(`svg-browser checks: ${nOk} ok, ${nBad} not ok`);
process.exit(nBad === 0 ? 0 : 1);
