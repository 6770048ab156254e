/* Step charts in SVG for the playground, drawn from the command's JSON (the
 * CLI's own SVG writer makes files for two commands only; one drawing for all
 * tabs keeps the charts alike and the JSON the single thing tested). */
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

/* Round tick steps (1, 2, 5 x 10^k) so the axes read at a glance. */
function ticks(max, n) {
  if (max <= 0) return [0];
  const raw = max / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = 0; out.length === 0 || out[out.length - 1] < max; v += step) out.push(v);
  return out;
}

function fmtNum(v) {
  if (v >= 1 << 20 && v % (1 << 20) === 0) return v / (1 << 20) + 'M';
  if (v >= 1e6) return (v / 1e6).toFixed(1) + 'e6';
  if (v >= 10000 && v % 1000 === 0) return v / 1000 + 'k';
  return String(v);
}

/* series: [{name, pts: [[x, y], ...]}], each y holding until the next x. */
function stepChart(opt) {
  const W = 760, H = 310, L = 70, R = 150, T = 24, B = 40;
  const all = opt.series.flatMap((s) => s.pts);
  const xmax = Math.max(opt.xmax || 0, ...all.map((p) => p[0]), 1);
  const ymax = Math.max(...all.map((p) => p[1]), 1);
  const xt = ticks(xmax, 8), yt = ticks(ymax, 6);
  const X = (x) => L + (x / xt[xt.length - 1]) * (W - L - R);
  const Y = (y) => H - B - (y / yt[yt.length - 1]) * (H - T - B);
  const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': opt.title || ''});
  for (const v of yt) {
    root.append(svg('line', {x1: L, x2: W - R, y1: Y(v), y2: Y(v), class: 'grid'}));
    root.append(svg('text', {x: L - 6, y: Y(v) + 4, 'text-anchor': 'end'}, fmtNum(v)));
  }
  for (const v of xt) root.append(svg('text', {x: X(v), y: H - B + 16, 'text-anchor': 'middle'}, fmtNum(v)));
  root.append(svg('text', {x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis'}, opt.xlabel));
  root.append(svg('text', {x: L, y: T - 4, class: 'axis'}, opt.ylabel));
  opt.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    let d = '';
    s.pts.forEach(([x, y], j) => {
      d += j === 0 ? `M${X(x)},${Y(y)}` : `H${X(x)}V${Y(y)}`;
    });
    if (s.pts.length) d += `H${X(opt.xend != null ? opt.xend : xmax)}`;
    root.append(svg('path', {d, stroke: color, fill: 'none', 'stroke-width': 1.6, 'data-series': s.name}));
    root.append(svg('rect', {x: W - R + 10, y: T + i * 16, width: 10, height: 10, fill: color}));
    root.append(svg('text', {x: W - R + 24, y: T + i * 16 + 9}, s.name));
  });
  return root;
}

window.stepChart = stepChart;
window.svgEl = svg;
