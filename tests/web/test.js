// Browser tests of the playground (web/, docs/web.md) in Debian's headless
// Chromium. Every expected value comes from outside the page: the native
// gogrow binary run with the same arguments, or the golden vectors measured on
// real Go (tests/data/golden). Timings are printed, never asserted.
//
// usage: node test.js --page DIR --gogrow BIN --golden DIR --artifacts DIR
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {execFileSync, spawnSync} = require('child_process');
const {chromium} = require('playwright-core');

const opt = {};
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['page', 'gogrow', 'golden', 'artifacts'])
  if (!opt[k]) throw new Error(`missing --${k} (usage: node test.js --page DIR --gogrow BIN --golden DIR --artifacts DIR)`);
const PAGE = 'file://' + path.resolve(opt.page, 'index.html');
const GOLDEN_QUERIES = {layout: 16, append: 10, makemap: 10}; // x 14 arches each
const ALL_ARCHES = 'amd64,386,arm,arm64,loong64,mips,mipsle,mips64,mips64le,ppc64,ppc64le,riscv64,s390x,wasm';

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.log('FAIL: ' + what);
  }
  return ok;
}

function native(argv, cwd) {
  const r = spawnSync(path.resolve(opt.gogrow), argv, {cwd, encoding: 'utf8', maxBuffer: 1 << 28});
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => x.toFixed(1) + ' ms';

async function ready(page) {
  await page.waitForFunction(() => window.gogrowTimings && window.gogrowTimings.firstAnswer !== null, null,
    {timeout: 60000});
}

// Shows a query through the URL hash, as a shared link does; returns the wall time.
async function show(page, params) {
  const hash = new URLSearchParams(params).toString();
  const t = Date.now();
  await page.evaluate((h) => new Promise((resolve) => {
    window.addEventListener('hashchange', () => setTimeout(resolve, 0), {once: true});
    location.hash = h;
  }), hash);
  return Date.now() - t;
}

// The page's last command and its answer against the native binary, byte for byte.
async function sameAsNative(page, what, cwd) {
  const last = await page.evaluate(() => window.gogrowLast);
  const n = native(last.argv, cwd);
  check(last.status === n.status, `${what}: status ${last.status}, native ${n.status}`);
  check(last.stdout === n.stdout, `${what}: stdout differs from native gogrow ${JSON.stringify(last.argv)}`);
  check(last.stderr === n.stderr, `${what}: stderr differs from native gogrow ${JSON.stringify(last.argv)}`);
  return last;
}

// The copy-as-CLI line, run by a shell, prints what the page shows.
async function copiedCommandRuns(page, what, cwd) {
  const line = await page.textContent('#cli');
  const last = await page.evaluate(() => window.gogrowLast);
  const dir = path.dirname(path.resolve(opt.gogrow));
  const r = spawnSync('bash', ['-c', line], {cwd, encoding: 'utf8', env: {...process.env, PATH: dir + ':' + process.env.PATH}});
  check(r.stdout === last.stdout && r.status === last.status, `${what}: the copied command \`${line}\` prints something else`);
}

async function setChecked(page, key, values) {
  for (const box of await page.$$(`input[data-key=${key}]`)) {
    const v = await box.getAttribute('value');
    if ((await box.isChecked()) !== values.includes(v)) await box.click();
  }
}

async function layoutRows(page) {
  return page.$$eval('#out tr[data-go]', (trs) => trs.map((tr) => {
    const o = {go: tr.dataset.go, arch: tr.dataset.arch};
    for (const td of tr.querySelectorAll('td[data-k]')) o[td.dataset.k] = td.textContent;
    return o;
  }));
}

async function testSeedQuery(page, tmp) {
  const type = 'struct{a uint64; b [3]byte}';
  await page.click('#tabs button[data-tab=layout]');
  await page.fill('#type', type);
  await setChecked(page, 'go', ['1.19', '1.22']);
  await setChecked(page, 'arch', ['amd64', '386']);
  const rows = await layoutRows(page);
  const want = JSON.parse(native(['layout', type, '--go', '1.19,1.22', '--arch', 'amd64,386', '--json']).stdout).results;
  check(rows.length === 4 && want.length === 4, `seed query: ${rows.length} rows on the page, native ${want.length}`);
  for (const w of want) {
    const r = rows.find((x) => x.go === w.go && x.arch === w.arch);
    const offsets = w.fields ? w.fields.map((f) => f.offset).join(',') : '-';
    check(r && r.size === String(w.size) && r.align === String(w.align) && r.ptrdata === String(w.ptrdata) &&
      r.offsets === offsets, `seed query ${w.go}/${w.arch}: page ${JSON.stringify(r)}, native ${JSON.stringify(w)}`);
  }
  await sameAsNative(page, 'seed query', tmp);
  await copiedCommandRuns(page, 'seed query', tmp);
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copied').textContent === 'copied', null, {timeout: 5000})
    .then(() => check(true, ''), () => check(false, 'copy button: no confirmation'));
}

async function testBadTypes(page, tmp) {
  for (const bad of ['struct{a int', 'struct{a uint64; b [3]bye}', 'map[string]', '[3]int]', 'struct{a int; a int}']) {
    await page.fill('#type', bad);
    const col = Number(await page.getAttribute('#type-error', 'data-col'));
    const n = native(['layout', bad]);
    const lines = n.stderr.split('\n');
    const caret = lines.findIndex((l) => /^\s*\^$/.test(l));
    const want = caret >= 0 ? lines[caret].indexOf('^') - 1 : 0; // the caret line is indented by 2
    check(n.status === 2, `bad type ${bad}: native status ${n.status}`);
    check(col === want && col > 0, `bad type ${bad}: page underlines column ${col}, native caret at ${want}`);
    const sq = await page.$('#type-mirror .squiggle');
    const sqText = sq ? await sq.textContent() : null;
    check(sqText === (bad[col - 1] || ' '), `bad type ${bad}: underlined "${sqText}", column ${col} is "${bad[col - 1]}"`);
    const msg = await page.textContent('#type-error');
    check(msg.length > 0 && n.stderr.includes(msg.replace(/^column \d+: /, '')), `bad type ${bad}: message "${msg}"`);
    await sameAsNative(page, `bad type ${bad}`, tmp);
  }
}

// web_run's own argument-list parsing: escapes decode to what a shell would pass.
async function testArgvJson(page) {
  const raw = (json) => page.evaluate((j) => JSON.parse(window.gogrowModule.ccall('web_run', 'string', ['string'], [j])), json);
  const cases = [
    ['["layout","struct{\\u00e9 int; b\\tstring}","--json"]', ['layout', 'struct{\u00e9 int; b\tstring}', '--json']],
    ['[ "layout" , "[2]\\ud83d\\ude00" ]', ['layout', '[2]\ud83d\ude00']],
    ['["layout","struct{a \\"int\\"}"]', ['layout', 'struct{a "int"}']],
    ['["append","[]int","--len","5","--add","1","--json"]', ['append', '[]int', '--len', '5', '--add', '1', '--json']],
    ['["batch"]', ['batch']], // stdin is empty in the page: no prompt, the answer to no input
  ];
  for (const [json, argv] of cases) {
    const got = await raw(json), want = native(argv);
    check(got.status === want.status && got.stdout === want.stdout && got.stderr === want.stderr,
      `web_run(${json}): ${JSON.stringify(got)}, native ${JSON.stringify(want)}`);
  }
  for (const bad of ['', '[', '["a",]', '["a" "b"]', '["\\ud800"]', '["a"] x', '{"a":1}', '["\\q"]']) {
    const got = await raw(bad);
    check(got.status === 2 && /bad argument list/.test(got.stderr), `web_run(${bad}): ${JSON.stringify(got)}`);
  }
}

async function testEveryTab(page, tmp, artifacts) {
  const views = {
    layout: {type: 'struct{a bool; b int64; c bool}'},
    append: {type: '[]struct{val int64; ptr *int}', len: '1023', add: '1'},
    map: {type: 'map[string][]int', hint: '100', keys: '1000'},
    explain: {type: '[]*int', len: '64', add: '1'},
    simulate: {},
  };
  for (const [tab, v] of Object.entries(views)) {
    await show(page, {tab, go: '1.19,1.22,1.27', arch: 'amd64,386', ...v});
    const status = await page.getAttribute('#out', 'data-status');
    check(status === '0', `${tab} tab: status ${status}`);
    const charts = await page.$$('#out svg.chart path[data-series]');
    if (['append', 'map', 'simulate'].includes(tab)) check(charts.length > 0, `${tab} tab: no chart`);
    if (tab === 'simulate') fs.writeFileSync(path.join(tmp, 'work.sim'), await page.inputValue('#script'));
    await sameAsNative(page, `${tab} tab`, tmp);
    await copiedCommandRuns(page, `${tab} tab`, tmp);
    await page.screenshot({path: path.join(artifacts, `tab-${tab}.png`), fullPage: true});
  }
  const changed = await (async () => {
    await show(page, {tab: 'append', type: '[]int', len: '1023', add: '1', go: '1.17,1.18', arch: 'amd64'});
    return page.$$eval('#out td.changed', (tds) => tds.map((t) => t.dataset.go));
  })();
  check(changed.length === 1 && changed[0] === 'go1.18', `append tab: changed cells ${JSON.stringify(changed)}, want go1.18 only`);
}

// A script error points at the line and column the native command names.
async function testScriptError(page, tmp) {
  await page.click('#tabs button[data-tab=simulate]');
  for (const script of ['s = make([]int, 0)\nappend s 1 +\n', 'x = make([]int, 0)\nrepeat 3 {\n  append q 1\n}\n']) {
    await page.fill('#script', script);
    fs.writeFileSync(path.join(tmp, 'work.sim'), script);
    const last = await sameAsNative(page, 'script error', tmp);
    const m = /^work\.sim:(\d+):(\d+): /.exec(last.stderr);
    const shown = await page.$('#out pre.script-error');
    check(m && shown && (await shown.getAttribute('data-line')) === m[1] && (await shown.getAttribute('data-col')) === m[2],
      `script error: ${last.stderr.trim()} not pointed at`);
  }
}

async function testUrlRestore(browser, page) {
  await page.click('#tabs button[data-tab=append]');
  await page.fill('#type', 'map[string][]int');
  await page.fill('#type', '[]struct{val int64; ptr *int}');
  await page.fill('#len', '5000');
  await setChecked(page, 'go', ['1.21', '1.27']);
  await setChecked(page, 'arch', ['arm64', 'wasm']);
  const url = page.url();
  const table = await page.textContent('#out table');
  const cli = await page.textContent('#cli');
  const other = await browser.newPage();
  await other.goto(url);
  await ready(other);
  check(await other.inputValue('#type') === '[]struct{val int64; ptr *int}', 'URL restore: type');
  check(await other.inputValue('#len') === '5000', 'URL restore: len');
  check(await other.textContent('#tabs button.active') === 'append', 'URL restore: tab');
  check(await other.textContent('#cli') === cli, 'URL restore: command line');
  check(await other.textContent('#out table') === table, 'URL restore: table');
  await other.close();
}

function goldenRows(file) {
  const lines = fs.readFileSync(path.join(opt.golden, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])));
}

// Rows grouped by query, and `n` groups spread evenly over the file.
function sample(rows, keyOf, n) {
  const groups = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  const all = [...groups.values()];
  return Array.from({length: Math.min(n, all.length)}, (_, i) => all[Math.floor((i * all.length) / n)]);
}

const release = (g) => g.replace(/^go(1\.\d+).*/, '$1');

async function goldenLayout(page, times) {
  let rows = 0;
  for (const group of sample(goldenRows('layout.tsv'), (r) => r.type, GOLDEN_QUERIES.layout)) {
    const g0 = group[0];
    times.push(await show(page, {tab: 'layout', type: g0.type, go: release(g0.go), arch: ALL_ARCHES}));
    const got = await layoutRows(page);
    for (const w of group) {
      const r = got.find((x) => x.arch === w.arch);
      rows++;
      check(r && r.size === w.size && r.align === w.align && r.offsets === w.offsets &&
        (r.ptrdata !== '0') === (w.ptrs === '1'), `golden layout ${w.type} ${w.arch}: page ${JSON.stringify(r)}, golden ${JSON.stringify(w)}`);
    }
  }
  return rows;
}

async function goldenAppend(page, times) {
  let rows = 0;
  const key = (r) => [r.type, r.len, r.cap, r.add].join('|');
  for (const group of sample(goldenRows('append.tsv'), key, GOLDEN_QUERIES.append)) {
    const g0 = group[0];
    times.push(await show(page, {tab: 'append', type: '[]' + g0.type, len: g0.len, cap: g0.cap, add: g0.add,
      go: release(g0.go), arch: ALL_ARCHES}));
    const got = await page.$$eval('#out td[data-k=newcap]', (tds) => tds.map((t) => ({arch: t.dataset.arch, newcap: t.dataset.newcap})));
    for (const w of group) {
      const r = got.find((x) => x.arch === w.arch);
      rows++;
      check(r && r.newcap === w.newcap, `golden append ${key(w)} ${w.arch}: page ${r && r.newcap}, golden ${w.newcap}`);
    }
  }
  return rows;
}

async function goldenMakemap(page, times) {
  let rows = 0;
  const key = (r) => r.maptype + '|' + r.hint;
  for (const group of sample(goldenRows('makemap.tsv'), key, GOLDEN_QUERIES.makemap)) {
    const g0 = group[0];
    times.push(await show(page, {tab: 'map', type: g0.maptype, hint: g0.hint, keys: '1', go: release(g0.go), arch: ALL_ARCHES}));
    const got = await page.$$eval('#out tr[data-go]', (trs) => trs.map((tr) => ({arch: tr.dataset.arch,
      B: tr.querySelector('td[data-k=shape]').dataset.b, bytes: tr.querySelector('td[data-k=bytes]').textContent})));
    for (const w of group) {
      const r = got.find((x) => x.arch === w.arch);
      rows++;
      check(r && r.B === w.B && r.bytes === w.bytes, `golden makemap ${key(w)} ${w.arch}: page ${JSON.stringify(r)}, golden B ${w.B} bytes ${w.bytes}`);
    }
  }
  return rows;
}

async function main() {
  fs.mkdirSync(opt.artifacts, {recursive: true});
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gogrow-web-'));
  let t = Date.now();
  const browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu']});
  console.log(`browser start: ${ms(Date.now() - t)}`);
  try {
    const page = await browser.newPage({viewport: {width: 1100, height: 900}});
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    t = Date.now();
    await page.goto(PAGE);
    await ready(page);
    const wall = Date.now() - t;
    const cold = await page.evaluate(() => window.gogrowTimings);
    console.log(`page load to first answer, first load: ${ms(cold.sinceNavigation)} in the page (navigation start to answer; ` +
      `${ms(cold.firstAnswer)} of it from the first script; WebAssembly ready at ${ms(cold.moduleReady)}), ${ms(wall)} as seen from node`);
    const warm = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await ready(page);
      warm.push(await page.evaluate(() => window.gogrowTimings.sinceNavigation));
    }
    console.log(`page load to first answer, reloaded: median ${ms(median(warm))} of ${warm.map(ms).join(', ')}`);
    await testSeedQuery(page, tmp);
    await testBadTypes(page, tmp);
    await testArgvJson(page);
    await testEveryTab(page, tmp, opt.artifacts);
    await testScriptError(page, tmp);
    await testUrlRestore(browser, page);
    const times = [];
    const before = (await page.evaluate(() => window.gogrowTimings.queries.length));
    const n = (await goldenLayout(page, times)) + (await goldenAppend(page, times)) + (await goldenMakemap(page, times));
    check(n >= 200, `golden rows checked through the page: ${n}`);
    const calls = (await page.evaluate(() => window.gogrowTimings.queries)).slice(before);
    console.log(`golden rows checked through the page: ${n} in ${times.length} queries (14 arches each)`);
    console.log(`per query, URL change to rendered view: median ${ms(median(times))}, max ${ms(Math.max(...times))}`);
    console.log(`per gogrow call in WebAssembly: median ${ms(median(calls))}, max ${ms(Math.max(...calls))} over ${calls.length} calls`);
    check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  console.log(`screenshots: ${path.resolve(opt.artifacts)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log('FAIL: ' + (e.stack || e));
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
