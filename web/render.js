/* One renderer per tab: the command's JSON in, DOM out. Cells carry
 * data-go/data-arch/data-k so a reader (or the browser tests) can find a
 * value without parsing the text. */
'use strict';

const CHART_SERIES_MAX = 8;

function resultKey(r) {
  return {'data-go': r.go, 'data-arch': r.arch};
}

function table(head, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows));
}

/* ---- layout ---- */

function fieldsOf(r) {
  return r.fields && r.fields.length ? r.fields : [{name: '(whole value)', offset: 0, size: r.size, align: r.align}];
}

/* Padding after each field: the command's "padding" when it gives one,
 * else the gap to the next field (or to the end). */
function paddingAfter(fields, i, size) {
  if (fields[i].padding != null) return fields[i].padding;
  const end = i + 1 < fields.length ? fields[i + 1].offset : size;
  return Math.max(0, end - fields[i].offset - fields[i].size);
}

function ruler(r, ptrSize, label) {
  const W = 760, L = 0, H = 74, size = Math.max(r.size, 1), fields = fieldsOf(r);
  const X = (b) => L + (b / size) * W;
  const root = svgEl('svg', {viewBox: `0 0 ${W} ${H}`, class: 'ruler', 'data-arch': r.arch});
  root.append(svgEl('text', {x: 0, y: 11, class: 'rlabel'}, label));
  fields.forEach((f, i) => {
    root.append(svgEl('rect', {x: X(f.offset), y: 16, width: Math.max(X(f.offset + f.size) - X(f.offset), 1), height: 28,
      class: 'field f' + (i % 6)}));
    if (X(f.offset + f.size) - X(f.offset) > 24)
      root.append(svgEl('text', {x: X(f.offset) + 3, y: 34, class: 'fname'}, f.name));
    const pad = paddingAfter(fields, i, r.size);
    if (pad > 0)
      root.append(svgEl('rect', {x: X(f.offset + f.size), y: 16, width: X(pad) - X(0), height: 28, class: 'padding',
        'data-bytes': pad}));
  });
  /* Word ticks, and the pointer-bearing prefix the GC scans (ptrdata). */
  if (size / ptrSize <= 128)
    for (let w = 0; w <= size; w += ptrSize) root.append(svgEl('line', {x1: X(w), x2: X(w), y1: 44, y2: 50, class: 'tick'}));
  if (r.ptrdata > 0) {
    root.append(svgEl('rect', {x: X(0), y: 52, width: X(r.ptrdata) - X(0), height: 6, class: 'ptrs'}));
    root.append(svgEl('text', {x: X(0), y: 70, class: 'rlabel'}, `pointer words: first ${r.ptrdata} bytes (ptrdata)`));
  } else {
    root.append(svgEl('text', {x: X(0), y: 70, class: 'rlabel'}, 'no pointers (noscan)'));
  }
  return root;
}

function suggestion(r) {
  const s = r.suggested;
  if (!s) return null;
  return el('p', {class: 'suggested', 'data-arch': r.arch, 'data-go': r.go},
    `${r.go}/${r.arch}: better field order ${s.fields.join(', ')}: ${s.size} bytes (saves ${s.saved})`);
}

function renderLayout(j) {
  const frag = el('div', {class: 'tab-layout'});
  const rows = j.results.map((r) => el('tr', resultKey(r), cell('go', r.go), cell('arch', r.arch), cell('size', r.size),
    cell('align', r.align), cell('ptrdata', r.ptrdata),
    cell('offsets', r.fields ? r.fields.map((f) => f.offset).join(',') : '-')));
  frag.append(el('h2', {}, j.type), table(['go', 'arch', 'size', 'align', 'ptrdata', 'field offsets'], rows));
  /* One ruler per distinct layout of an arch, naming the releases it holds for. */
  const seen = new Map();
  for (const r of j.results) {
    const key = r.arch + JSON.stringify([r.size, r.ptrdata, r.fields]);
    if (seen.has(key)) seen.get(key).gos.push(r.go);
    else seen.set(key, {r, gos: [r.go]});
  }
  for (const {r, gos} of seen.values()) {
    const a = targets.arch.find((x) => x.name === r.arch);
    frag.append(ruler(r, a ? a.ptr_size : 8, `${r.arch} (${gos.join(', ')}): size ${r.size}, align ${r.align}`));
  }
  for (const r of j.results) if (r.suggested) frag.append(suggestion(r));
  return frag;
}

/* ---- append ---- */

function renderAppend(j) {
  const frag = el('div', {class: 'tab-append'});
  frag.append(el('h2', {}, `s := make(${j.type}, ${j.len}, ${j.cap}); s = append(s, make(${j.type}, ${j.add})...)`));
  const gos = [...new Set(j.results.map((r) => r.go))], arches = [...new Set(j.results.map((r) => r.arch))];
  const at = (g, a) => j.results.find((r) => r.go === g && r.arch === a);
  const rows = gos.map((g, gi) => el('tr', {'data-go': g}, el('th', {}, g), ...arches.map((a) => {
    const r = at(g, a), prev = gi > 0 ? at(gos[gi - 1], a) : null;
    if (!r) return el('td', {}, '–');
    const changed = prev && (prev.newcap !== r.newcap || prev.alloc !== r.alloc);
    return el('td', {'data-go': g, 'data-arch': a, 'data-k': 'newcap', 'data-newcap': r.newcap, 'data-bytes': r.alloc,
      class: changed ? 'changed' : '', title: `formula cap ${r.formula_cap}, requested ${r.request_bytes} bytes, size class ${r.class}`},
    `cap ${r.newcap}`, el('br'), el('small', {}, `${r.alloc} bytes`));
  })));
  frag.append(table(['release \\ arch', ...arches], rows));
  frag.append(el('p', {class: 'hint'}, 'Highlighted: differs from the release above (same arch).'));
  const n = Math.min(Math.max(64, 2 * (Number(j.len) + Number(j.add))), 1 << 20);
  const series = [];
  for (const r of j.results.slice(0, CHART_SERIES_MAX)) {
    const g = run(['grow', j.type, '--n', String(n), '--go', r.go, '--arch', r.arch, '--json']);
    if (g.status !== 0) continue;
    const steps = JSON.parse(g.stdout).results[0].steps;
    series.push({name: `${r.go}/${r.arch}`, pts: steps.map((s) => [s.len, s.cap])});
  }
  const shown = series.length < j.results.length ? ` (the first ${series.length} targets)` : '';
  frag.append(el('h3', {}, `cap against len, appending one element at a time up to len ${n}${shown}`));
  frag.append(stepChart({series, xlabel: 'len', ylabel: 'cap', xend: n}));
  return frag;
}

/* ---- map ---- */

function mapShape(r) {
  const m = r.make;
  return r.impl === 'swiss'
    ? `${m.tables} tables, ${m.table_capacity / 8} groups (${m.table_capacity} slots)`
    : `B=${m.B}: ${m.buckets} buckets`;
}

function renderMap(j) {
  const frag = el('div', {class: 'tab-map'});
  frag.append(el('h2', {}, `make(${j.type}, ${j.hint})`));
  const rows = j.results.map((r) => el('tr', resultKey(r), cell('go', r.go), cell('arch', r.arch), cell('impl', r.impl),
    cell('shape', mapShape(r), {'data-b': r.make.B != null ? r.make.B : ''}), cell('bytes', r.make.bytes),
    cell('mallocs', r.make.mallocs)));
  frag.append(table(['go', 'arch', 'map', 'buckets / groups', 'bytes', 'mallocs'], rows));
  const keys = Math.max(1, Math.min(Number(state.keys) || 1000, 1 << 20));
  const series = [];
  let exactUntil = keys;
  for (const r of j.results.slice(0, CHART_SERIES_MAX)) {
    const g = run(['map', j.type, '--hint', String(j.hint), '--grow', String(keys), '--go', r.go, '--arch', r.arch, '--json']);
    if (g.status !== 0) continue;
    const gr = JSON.parse(g.stdout).results[0];
    exactUntil = Math.min(exactUntil, gr.grow.exact_until);
    series.push({name: `${r.go}/${r.arch}`, pts: [[0, gr.make.bytes], ...gr.grow.steps.map((s) => [s.count, s.total])]});
  }
  const shown = series.length < j.results.length ? ` (the first ${series.length} targets)` : '';
  frag.append(el('h3', {}, `bytes allocated against number of keys inserted (up to ${keys})${shown}`));
  frag.append(stepChart({series, xlabel: 'keys', ylabel: 'bytes', xend: keys}));
  if (exactUntil < keys)
    frag.append(el('p', {class: 'hint'}, `Exact up to ${exactUntil} keys; beyond that growth depends on the hash seed (gogrow map --sim).`));
  return frag;
}

/* ---- explain ---- */

function renderExplain(j) {
  const frag = el('div', {class: 'tab-explain'});
  for (const r of j.results) {
    frag.append(el('h3', {}, `${r.go} / ${r.arch}`));
    frag.append(el('ol', resultKey(r), ...r.steps.map((s) => el('li', {}, s.text, el('br'), el('code', {class: 'src'}, s.source)))));
  }
  return frag;
}

/* ---- simulate ---- */

function renderSimulate(j) {
  const frag = el('div', {class: 'tab-simulate'});
  frag.append(el('h2', {}, `${j.go}/${j.arch}: ${j.ops} operations`));
  const keys = ['peak_live', 'final_live', 'total_alloc', 'objects', 'growslice_calls', 'map_grows'];
  frag.append(table(keys, [el('tr', {}, ...keys.map((k) => cell(k, j[k])))]));
  const series = [{name: 'live heap bytes', pts: [[0, 0], ...j.timeline.map((e) => [e.op, e.live])]}];
  frag.append(el('h3', {}, 'live heap bytes over operations'));
  frag.append(stepChart({series, xlabel: 'operation', ylabel: 'bytes', xend: j.ops}));
  const vrows = j.variables.map((v) => el('tr', {}, cell('name', v.name), cell('type', v.type), cell('allocs', v.allocs),
    cell('allocated', v.allocated), cell('live', v.live)));
  frag.append(table(['variable', 'type', 'allocations', 'bytes allocated', 'live at end'], vrows));
  if (!j.exact) frag.append(el('p', {class: 'hint'}, 'Some figures depend on the hash seed: see gogrow simulate --sim.'));
  return frag;
}

window.RENDER = {layout: renderLayout, append: renderAppend, map: renderMap, explain: renderExplain, simulate: renderSimulate};
