/**
 * The inspector page: plain HTML, CSS and JavaScript (no framework, no build step), served as one
 * document. A packet table with filters (peer, direction, type, text), a detail view (full value
 * and hex dump) and uPlot charts of packets/s and bytes/s per direction over the last minute.
 */

const STYLE = `
:root { color-scheme: light dark; --c2s: #2f7ed8; --s2c: #d8732f; --line: #8884; }
body { font: 13px system-ui, sans-serif; margin: 0; display: grid; grid-template-rows: auto auto 1fr; height: 100vh; }
header { padding: 8px 12px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; border-bottom: 1px solid var(--line); }
header h1 { font-size: 15px; margin: 0; }
#status { opacity: .7; }
#charts { display: flex; gap: 8px; padding: 4px 12px; flex-wrap: wrap; }
main { display: grid; grid-template-columns: 3fr 2fr; min-height: 0; }
#list { overflow: auto; border-right: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font: 12px ui-monospace, monospace; }
th { position: sticky; top: 0; background: Canvas; text-align: left; border-bottom: 1px solid var(--line); }
td, th { padding: 2px 6px; white-space: nowrap; }
td.value { max-width: 40vw; overflow: hidden; text-overflow: ellipsis; }
tr.c2s td.dir { color: var(--c2s); } tr.s2c td.dir { color: var(--s2c); }
tr.bad td.value { color: #c33; } tr.conn td { opacity: .6; font-style: italic; }
tr.protocol.retransmission td, tr.protocol.duplicate td { color: #a60; }
#rows tr:hover { background: #8882; cursor: pointer; } tr.selected { background: #8884 !important; }
#detail { overflow: auto; padding: 8px 12px; }
#detail pre { white-space: pre-wrap; word-break: break-all; font: 12px ui-monospace, monospace; }
#detail pre#bytes { white-space: pre; word-break: normal; overflow-x: auto; }
select, input { font: inherit; }
`;

const SCRIPT = `
const rows = [];
const MAX_ROWS = 20000, SHOWN = 1500, WINDOW = 60;
const body = document.getElementById('rows');
const filters = { peer: document.getElementById('peer'), direction: document.getElementById('direction'), type: document.getElementById('type'), text: document.getElementById('text') };
const known = { peer: new Set(), type: new Set() };
const counts = { c2s: new Map(), s2c: new Map() };
let selected = null, total = 0;

function matches(e) {
  if (e.kind !== 'packet') return filters.peer.value === '' || filters.peer.value === e.peer;
  return (filters.peer.value === '' || filters.peer.value === e.peer)
    && (filters.direction.value === '' || filters.direction.value === e.direction)
    && (filters.type.value === '' || filters.type.value === e.type)
    && (filters.text.value === '' || (e.text + ' ' + e.type).toLowerCase().includes(filters.text.value.toLowerCase()));
}
function cell(tr, text, cls) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); }
const FLAG_NAMES = { 1: 'RELIABLE', 2: 'UNSEQUENCED', 8: 'UNRELIABLE_FRAGMENT' };
function enetFlags(enet) {
  const names = Object.entries(FLAG_NAMES).filter(([bit]) => enet.flags & Number(bit)).map(([, name]) => name);
  const marks = [enet.fragments > 1 ? '×' + enet.fragments : '', enet.late ? 'late' : '', enet.stale ? 'stale' : '', enet.repeats ? enet.repeats + ' repeated' : ''].filter(Boolean);
  return enet.flags + (names.length ? ' ' + names.join('|') : '') + (marks.length ? ' (' + marks.join(', ') + ')' : '');
}
function enetCells(tr, e) {
  if (!ENET) return;
  cell(tr, e.enet ? String(e.enet.channel) : '', 'ch');
  cell(tr, e.godot ? e.godot.mode + ' ch' + e.godot.channel : '', 'mode');
  cell(tr, e.enet ? enetFlags(e.enet) : '', 'flags');
}
function rowOf(e) {
  const tr = document.createElement('tr');
  const time = e.time.slice(11, 23);
  if (e.kind !== 'packet') {
    const protocol = e.kind === 'protocol';
    tr.className = protocol ? 'conn protocol ' + e.what : 'conn';
    cell(tr, ''); cell(tr, time); cell(tr, protocol ? (e.direction === 'c2s' ? 'C→S' : 'S→C') : '', 'dir'); cell(tr, e.peer); cell(tr, ''); enetCells(tr, {}); cell(tr, '');
    cell(tr, protocol ? e.text : (e.kind === 'open' ? 'connected' : 'disconnected') + (e.detail ? ': ' + e.detail : ''), 'value');
    return tr;
  }
  tr.className = 'packet ' + e.direction + (e.error ? ' bad' : '');
  tr.dataset.index = e.index;
  cell(tr, e.index); cell(tr, time); cell(tr, e.direction === 'c2s' ? 'C→S' : 'S→C', 'dir'); cell(tr, e.peer);
  cell(tr, e.frame + ' ' + e.size + ' B'); enetCells(tr, e); cell(tr, e.type);
  cell(tr, e.error ? e.error.name + ': ' + e.error.message : e.text.replace(/\\n/g, ' '), 'value');
  tr.addEventListener('click', () => show(e, tr));
  return tr;
}
function render() {
  body.replaceChildren(...rows.filter(matches).slice(-SHOWN).map(rowOf));
}
function option(select, value) {
  const o = document.createElement('option'); o.value = value; o.textContent = value; select.appendChild(o);
}
function hexDump(hex) {
  const lines = [];
  for (let i = 0; i < hex.length; i += 32) {
    const chunk = hex.slice(i, i + 32);
    const bytes = chunk.match(/../g) || [];
    const ascii = bytes.map((b) => { const c = parseInt(b, 16); return c >= 32 && c < 127 ? String.fromCharCode(c) : '.'; }).join('');
    lines.push((i / 2).toString(16).padStart(6, '0') + '  ' + bytes.join(' ').padEnd(47) + '  ' + ascii);
  }
  return lines.join('\\n');
}
function show(e, tr) {
  if (selected) selected.classList.remove('selected');
  selected = tr; tr.classList.add('selected');
  const d = document.getElementById('detail');
  d.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = '#' + e.index + ' ' + (e.direction === 'c2s' ? 'C→S' : 'S→C') + ' ' + e.type;
  const meta = document.createElement('p');
  const enet = e.enet ? ' · ENet channel ' + e.enet.channel + ', flags ' + enetFlags(e.enet) + ', seq ' + e.enet.sequence + (e.enet.unreliableSequence !== undefined ? '.' + e.enet.unreliableSequence : '') : '';
  const godot = e.godot ? ' · Godot ' + (e.godot.from ?? '?') + '→' + (e.godot.to ?? '?') + ' ' + e.godot.mode + ' channel ' + e.godot.channel : '';
  meta.textContent = e.time + ' · ' + e.peer + ' · ' + e.transport + ' ' + e.frame + ' · ' + e.size + ' bytes' + (e.trailing ? ' · ' + e.trailing + ' trailing bytes' : '') + enet + godot;
  const value = document.createElement('pre');
  value.id = 'value';
  value.textContent = e.error ? e.error.name + (e.error.offset === null ? '' : ' at byte ' + e.error.offset) + ': ' + e.error.message : e.text;
  const bytes = document.createElement('pre');
  bytes.id = 'bytes';
  bytes.textContent = hexDump(e.hex) + (e.cut ? '\\n… (cut)' : '');
  d.append(h, meta, value, bytes);
}
function count(e) {
  const second = Math.floor(Date.parse(e.time) / 1000);
  const m = counts[e.direction];
  const c = m.get(second) || [0, 0];
  c[0]++; c[1] += e.size; m.set(second, c);
}
const charts = [];
function chart(title, el) {
  const opts = { title, width: 420, height: 160, series: [{}, { label: 'C→S', stroke: '#2f7ed8' }, { label: 'S→C', stroke: '#d8732f' }], axes: [{}, { size: 60 }] };
  const c = new uPlot(opts, [[], [], []], el);
  charts.push(c);
}
chart('packets/s', document.getElementById('chart-packets'));
chart('bytes/s', document.getElementById('chart-bytes'));
function updateCharts() {
  const now = Math.floor(Date.now() / 1000);
  const xs = [], p = [[], []], b = [[], []];
  for (let s = now - WINDOW; s <= now; s++) {
    xs.push(s);
    ['c2s', 's2c'].forEach((d, i) => { const c = counts[d].get(s) || [0, 0]; p[i].push(c[0]); b[i].push(c[1]); });
  }
  for (const m of Object.values(counts)) for (const k of m.keys()) if (k < now - WINDOW) m.delete(k);
  charts[0].setData([xs, p[0], p[1]]);
  charts[1].setData([xs, b[0], b[1]]);
}
setInterval(updateCharts, 1000);
const source = new EventSource('events');
source.onopen = () => { document.getElementById('status').textContent = 'live'; };
source.onerror = () => { document.getElementById('status').textContent = 'disconnected, retrying…'; };
source.onmessage = (message) => {
  const e = JSON.parse(message.data);
  rows.push(e);
  if (rows.length > MAX_ROWS) rows.splice(0, rows.length - MAX_ROWS);
  if (!known.peer.has(e.peer)) { known.peer.add(e.peer); option(filters.peer, e.peer); }
  if (e.kind === 'packet') {
    total++;
    count(e);
    if (!known.type.has(e.type)) { known.type.add(e.type); option(filters.type, e.type); }
  }
  document.getElementById('total').textContent = total + ' packets';
  if (matches(e)) {
    body.appendChild(rowOf(e));
    while (body.children.length > SHOWN) body.firstChild.remove();
  }
};
for (const f of Object.values(filters)) f.addEventListener('input', render);
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

export interface PageOptions {
  /** Add the ENet columns: channel, Godot's mode and channel, flags. */
  enet?: boolean;
}

export function pageHtml(title: string, options: PageOptions = {}): string {
  const enet = options.enet ?? false;
  const enetHeads = enet ? '<th>ch</th><th>mode</th><th>flags</th>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="uplot.css"><style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(title)}</h1><span id="status">connecting…</span><span id="total">0 packets</span>
<label>peer <select id="peer"><option value="">all</option></select></label>
<label>direction <select id="direction"><option value="">both</option><option value="c2s">C→S (game → server)</option><option value="s2c">S→C (server → game)</option></select></label>
<label>type <select id="type"><option value="">all</option></select></label>
<label>search <input id="text" type="search" placeholder="value text"></label></header>
<div id="charts"><div id="chart-packets"></div><div id="chart-bytes"></div></div>
<main><div id="list"><table><thead><tr><th>#</th><th>time</th><th>dir</th><th>peer</th><th>frame</th>${enetHeads}<th>type</th><th>value</th></tr></thead><tbody id="rows"></tbody></table></div>
<div id="detail"><p>Click a packet for its full value and bytes.</p></div></main>
<script src="uplot.js"></script><script>const ENET = ${String(enet)};${SCRIPT}</script>
</body></html>`;
}
