/* gogrow playground. Every number shown comes from `gogrow ... --json` run by
 * the WebAssembly build of the command itself (gogrow.js, src/web/web.c):
 * this file only builds argument lists, renders the JSON and keeps the URL
 * in step with the query. docs/web.md describes the design. */
'use strict';

const T0 = performance.now();
const EXAMPLES = ['struct{a uint64; b [3]byte}', '[]struct{val int64; ptr *int}', 'map[string][]int',
  'struct{a bool; b int64; c bool}', '[]int', 'map[int64]int64', 'struct{a int32; b atomic.Int64}'];
const DEFAULT_SCRIPT = 's = make([]int, 0)\nm = make(map[string][]int, 10)\nrepeat 1000 {\n  append s 1\n  append m[key(i % 100)] 1\n}\n';
const SCRIPT_PATH = 'work.sim'; // relative, so the JSON names it as `gogrow simulate work.sim` does
const $ = (id) => document.getElementById(id);

const state = {tab: 'layout', type: EXAMPLES[0], go: ['1.19', '1.22', '1.27'], arch: ['amd64', '386'],
  len: '1023', cap: '', add: '1', hint: '100', keys: '1000', count: '0', script: DEFAULT_SCRIPT};
let targets = null;
let ready = false; // the WebAssembly module has started
window.gogrowTimings = {firstAnswer: null, queries: []};

/* ---- talking to the WebAssembly command ---- */

function run(argv) {
  const t = performance.now();
  const r = JSON.parse(Module.ccall('web_run', 'string', ['string'], [JSON.stringify(argv)]));
  r.ms = performance.now() - t;
  window.gogrowTimings.queries.push(r.ms);
  return r;
}
window.gogrowRun = run; // the tests compare the page's command with the native one

function parseType(src) {
  return JSON.parse(Module.ccall('web_parse', 'string', ['string'], [src]));
}

/* ---- the query: argv per tab, the URL hash, the CLI line ---- */

const sliceType = (t) => (t.startsWith('[]') ? t : '[]' + t);
const mapType = (t) => (t.startsWith('map[') ? t : 'map[int64]' + t);

function common() {
  return ['--go', state.go.join(','), '--arch', state.arch.join(',')];
}

function argvFor(tab) {
  const s = state;
  const sl = ['--len', s.len, ...(s.cap !== '' ? ['--cap', s.cap] : []), '--add', s.add];
  switch (tab) {
    case 'layout': return ['layout', s.type, ...common(), '--json'];
    case 'append': return ['append', sliceType(s.type), ...sl, ...common(), '--json'];
    case 'map': return ['map', mapType(s.type), '--hint', s.hint, ...common(), '--json'];
    case 'explain':
      return s.type.startsWith('map[')
        ? ['explain', s.type, '--hint', s.hint, '--count', s.count, ...common(), '--json']
        : ['explain', sliceType(s.type), ...sl, ...common(), '--json'];
    case 'simulate':
      return ['simulate', SCRIPT_PATH, '--go', s.go[0] || '', '--arch', s.arch[0] || '', '--json'];
  }
  return [];
}

function shellQuote(a) {
  return /^[A-Za-z0-9_.,:\/=+-]+$/.test(a) ? a : "'" + a.replace(/'/g, "'\\''") + "'";
}

function cliLine() {
  const argv = argvFor(state.tab);
  const line = 'gogrow ' + argv.map(shellQuote).join(' ');
  if (state.tab !== 'simulate') return line;
  return "cat > work.sim <<'EOF'\n" + state.script.replace(/\n?$/, '\n') + 'EOF\n' + line;
}

const HASH_KEYS = ['tab', 'type', 'go', 'arch', 'len', 'cap', 'add', 'hint', 'keys', 'count', 'script'];

function writeHash() {
  const p = new URLSearchParams();
  for (const k of HASH_KEYS) {
    const v = Array.isArray(state[k]) ? state[k].join(',') : state[k];
    if (k !== 'script' || state.tab === 'simulate') p.set(k, v);
  }
  history.replaceState(null, '', '#' + p.toString());
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const k of HASH_KEYS) {
    if (!p.has(k)) continue;
    const v = p.get(k);
    state[k] = k === 'go' || k === 'arch' ? v.split(',').filter(Boolean) : v;
  }
}

/* ---- rendering helpers ---- */

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k === 'title' || k === 'style') e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of kids) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function cell(k, v, extra) {
  return el('td', Object.assign({'data-k': k}, extra || {}), v);
}

function showFailure(r) {
  const box = el('div', {class: 'failure'});
  box.append(el('p', {}, `gogrow exited with status ${r.status}`));
  box.append(el('pre', {class: 'stderr'}, r.stderr || r.stdout));
  const at = state.tab === 'simulate' && /^work\.sim:(\d+):(\d+): /m.exec(r.stderr);
  if (at) box.append(scriptCaret(Number(at[1]), Number(at[2])));
  return box;
}

/* The script line a simulate error names, with a caret under its column. */
function scriptCaret(line, col) {
  const text = state.script.split('\n')[line - 1] || '';
  return el('pre', {class: 'script-error', 'data-line': line, 'data-col': col},
    `${line} | ${text}\n${' '.repeat(String(line).length + 3 + col - 1)}^`);
}

/* ---- startup ---- */

function buildSelectors() {
  const goBox = $('go-select'), archBox = $('arch-select');
  for (const g of targets.go) goBox.append(check('go', g, 'go' + g));
  for (const a of targets.arch) archBox.append(check('arch', a.name, a.name, `${a.ptr_size * 8}-bit, since go1.${a.since}`));
}

function check(key, value, label, title) {
  const input = el('input', {type: 'checkbox', value, 'data-key': key});
  input.addEventListener('change', () => {
    const all = [...document.querySelectorAll(`input[data-key=${key}]:checked`)].map((i) => i.value);
    state[key] = all;
    refresh();
  });
  return el('label', title ? {title} : {}, input, label);
}

function syncControls() {
  $('type').value = state.type;
  for (const k of ['len', 'cap', 'add', 'hint', 'keys', 'count']) $(k).value = state[k];
  $('script').value = state.script;
  for (const i of document.querySelectorAll('input[data-key]')) i.checked = state[i.dataset.key].includes(i.value);
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === state.tab);
  for (const e of document.querySelectorAll('#params [class^="p-"], #params [class*=" p-"]'))
    e.hidden = !e.className.split(' ').includes('p-' + state.tab);
}

function wire() {
  for (const ex of EXAMPLES) {
    $('examples').append(el('button', {class: 'example', onclick: () => { state.type = ex; syncControls(); refresh(); }}, ex));
  }
  $('type').addEventListener('input', () => { state.type = $('type').value; refresh(); });
  for (const k of ['len', 'cap', 'add', 'hint', 'keys', 'count'])
    $(k).addEventListener('input', () => { state[k] = $(k).value; refresh(); });
  $('script').addEventListener('input', () => { state.script = $('script').value; refresh(); });
  for (const b of document.querySelectorAll('#tabs button'))
    b.addEventListener('click', () => { state.tab = b.dataset.tab; syncControls(); refresh(); });
  $('copy').addEventListener('click', copyCli);
  window.addEventListener('hashchange', () => { readHash(); syncControls(); refresh(); });
}

function copyCli() {
  const text = cliLine();
  const done = () => { $('copied').textContent = 'copied'; setTimeout(() => ($('copied').textContent = ''), 1500); };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
  function fallback() {
    const ta = el('textarea', {value: text});
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
    done();
  }
}

/* The type box underlines the character the parser stopped at. */
function showTypeError() {
  const mirror = $('type-mirror'), box = $('type-error');
  mirror.textContent = '';
  const p = parseType(state.type);
  box.dataset.col = p.ok ? '0' : String(p.col);
  box.textContent = p.ok ? '' : (p.col ? `column ${p.col}: ` : '') + p.msg;
  $('type').classList.toggle('bad', !p.ok);
  if (p.ok || !p.col) return p.ok;
  const i = p.col - 1, src = state.type;
  mirror.append(src.slice(0, i), el('span', {class: 'squiggle'}, src.slice(i, i + 1) || ' '), src.slice(i + 1));
  return false;
}

function refresh() {
  writeHash();
  $('cli').textContent = cliLine();
  if (!ready) return;
  showTypeError();
  const out = $('out');
  out.textContent = '';
  if (state.tab === 'simulate') Module.FS.writeFile(SCRIPT_PATH, state.script);
  const argv = argvFor(state.tab);
  const r = run(argv);
  window.gogrowLast = {argv, status: r.status, stdout: r.stdout, stderr: r.stderr};
  out.dataset.status = String(r.status);
  out.dataset.ms = r.ms.toFixed(2);
  if (r.status !== 0) {
    out.append(showFailure(r));
  } else {
    const json = JSON.parse(r.stdout);
    out.append(RENDER[state.tab](json, r));
  }
  out.append(el('p', {class: 'timing'}, `answered in ${r.ms.toFixed(1)} ms`));
  if (window.gogrowTimings.firstAnswer === null) {
    window.gogrowTimings.firstAnswer = performance.now() - T0;
    window.gogrowTimings.sinceNavigation = performance.now(); // the clock starts with the navigation
  }
}

let Module = null; // the WebAssembly instance of the command

window.addEventListener('DOMContentLoaded', () => {
  // stdin is empty: Emscripten's default would ask with window.prompt (batch, simulate -).
  createGogrow({print: () => {}, printErr: (s) => console.warn(s), stdin: () => null}).then((m) => {
    window.gogrowTimings.moduleReady = performance.now();
    Module = m;
    window.gogrowModule = m; // the tests call web_run with hand-written argument lists
    targets = JSON.parse(Module.ccall('web_targets', 'string', [], []));
    buildSelectors();
    wire();
    readHash();
    syncControls();
    ready = true;
    refresh();
  });
});
