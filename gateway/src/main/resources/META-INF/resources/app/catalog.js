// Tokenomics web app: the catalog (accelerators, systems, models: searchable tables, detail with sources and
// revisions, side-by-side compare, admin create/edit/override) and the hardware-generation comparison of Pricing.
// Loaded after app.js and runs.js (shares their helpers: api, el, fmt, chart, apiField, showProblem, problemBox, ...).
'use strict';

// ------------------------------------------------------------------------------------------------ who is calling

/** The caller (user, tenant, roles) from the gateway's /api/me, fetched once per page load. */
let whoAmI = null;
async function me() {
  if (!whoAmI) whoAmI = api('/me').then(r => r.body).catch(() => ({ roles: [] }));
  return whoAmI;
}
const hasRole = (caller, role) => (caller.roles || []).includes(role);

/** Like api(), with extra request headers (If-Match) and the response's ETag. */
async function catalogCall(path, { method = 'GET', body, ifMatch } = {}) {
  const response = await api(path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    headers: ifMatch ? { 'If-Match': ifMatch } : {} });
  return { status: response.status, body: response.body, etag: response.headers.get('ETag') };
}

// ------------------------------------------------------------------------------------------------ kinds and fields

/** [field, label, type, options]: type num | text | enum (options) | bool | long (textarea). */
const ACCELERATOR_FIELDS = [
  ['vendor', 'Vendor', 'text'], ['name', 'Name', 'text'], ['status', 'Status', 'enum', ['GA', 'ANNOUNCED']],
  ['statusNote', 'Status note', 'text'],
  ['memoryGb', 'Memory, GB', 'num'], ['memoryType', 'Memory type', 'text'], ['memoryNote', 'Memory note', 'text'],
  ['memoryBandwidthTbps', 'Memory bandwidth, TB/s', 'num'],
  ['fp32DenseTflops', 'FP32 dense TFLOPS', 'num'], ['bf16DenseTflops', 'BF16 dense TFLOPS', 'num'],
  ['fp8DenseTflops', 'FP8 dense TFLOPS', 'num'], ['fp6DenseTflops', 'FP6 dense TFLOPS', 'num'],
  ['fp4DenseTflops', 'FP4 dense TFLOPS', 'num'], ['nvfp4DenseTflops', 'NVFP4 dense TFLOPS', 'num'],
  ['int8DenseTops', 'INT8 dense TOPS', 'num'], ['int4DenseTops', 'INT4 dense TOPS', 'num'],
  ['mamfBf16Tflops', 'Measured max matmul BF16 TFLOPS', 'num'], ['mamfFp8Tflops', 'Measured max matmul FP8 TFLOPS', 'num'],
  ['scaleUpInterconnect', 'Scale-up interconnect', 'text'],
  ['scaleUpBandwidthGBpsPerDirection', 'Scale-up GB/s per direction', 'num'],
  ['scaleUpBandwidthPublished', 'Scale-up bandwidth as published', 'text'], ['scaleUpDomainSize', 'Scale-up domain size', 'num'],
  ['scaleOutBandwidthGbps', 'Scale-out Gbit/s', 'num'], ['tdpWatts', 'TDP, W', 'num'], ['tdpNote', 'TDP note', 'text'],
  ['idleWatts', 'Idle, W', 'num'], ['listPriceUsd', 'List price, USD', 'num'], ['listPriceNote', 'Price note', 'text'],
  ['confidence', 'Confidence', 'text'], ['notes', 'Notes', 'long'],
  ['sources.compute', 'Source: compute', 'text'], ['sources.memory', 'Source: memory', 'text'],
  ['sources.interconnect', 'Source: interconnect', 'text'], ['sources.power', 'Source: power', 'text'],
  ['sources.other', 'Source: other', 'text'],
];
const SYSTEM_FIELDS = [
  ['vendor', 'Vendor', 'text'], ['name', 'Name', 'text'], ['acceleratorId', 'Accelerator id', 'text'],
  ['acceleratorCount', 'Accelerators', 'num'], ['scaleUpDomainSize', 'Scale-up domain size', 'num'],
  ['hostPowerWatts', 'Host/CPU/network power, W', 'num'], ['pueDefault', 'Default PUE', 'num'],
  ['priceUsd', 'Price, USD', 'num'], ['priceNote', 'Price note', 'text'], ['notes', 'Notes', 'long'], ['source', 'Source', 'text'],
];
const MODEL_FIELDS = [
  ['name', 'Name', 'text'], ['vendor', 'Vendor', 'text'], ['family', 'Family', 'text'],
  ['availability', 'Availability', 'enum', ['OPEN_WEIGHTS', 'API_ONLY']], ['hfId', 'Hugging Face id', 'text'],
  ['architecture', 'Architecture', 'text'], ['layers', 'Layers', 'num'], ['hiddenSize', 'Hidden size', 'num'],
  ['attention', 'Attention', 'enum', ['MHA', 'GQA', 'MQA', 'MLA']], ['heads', 'Heads', 'num'], ['kvHeads', 'KV heads', 'num'],
  ['headDim', 'Head dim', 'num'], ['kvLoraRank', 'KV LoRA rank (MLA)', 'num'], ['qLoraRank', 'Q LoRA rank (MLA)', 'num'],
  ['qkRopeHeadDim', 'QK RoPE head dim (MLA)', 'num'], ['qkNopeHeadDim', 'QK no-PE head dim (MLA)', 'num'],
  ['vHeadDim', 'V head dim (MLA)', 'num'], ['ffnSize', 'FFN size', 'num'], ['routedExperts', 'Routed experts', 'num'],
  ['sharedExperts', 'Shared experts', 'num'], ['activeExperts', 'Active experts', 'num'], ['expertFfnSize', 'Expert FFN size', 'num'],
  ['firstDenseLayers', 'First dense layers', 'num'], ['moeLayerInterval', 'MoE layer interval', 'num'],
  ['vocabSize', 'Vocabulary', 'num'], ['tiedEmbeddings', 'Tied embeddings', 'bool'], ['slidingWindow', 'Sliding window', 'num'],
  ['layerTypes', 'Layer types', 'text'], ['maxContext', 'Max context', 'num'],
  ['nativeDtype', 'Native dtype', 'enum', ['FP32', 'BF16', 'FP16', 'FP8', 'FP6', 'FP4', 'NVFP4', 'MXFP4', 'INT8', 'INT4']],
  ['publishedParameters', 'Published parameters', 'text'], ['mmlu', 'MMLU', 'num'], ['mmluSource', 'MMLU source', 'text'],
  ['priceUsdPerMillionTokens', 'API price, USD per M tokens', 'num'], ['priceNote', 'Price note', 'text'],
  ['priceSource', 'Price source', 'text'], ['notes', 'Notes', 'long'], ['source', 'Source', 'text'],
];
const billions = (n) => (n === null || n === undefined) ? '—' : fmt(Number(n) / 1e9, 1) + ' B';

/** Per kind: labels, the table's columns [label, value(entry), numeric?, sort field], form fields, chart figures. */
const CATALOG_KINDS = {
  accelerators: {
    title: 'Accelerators', one: 'accelerator', fields: ACCELERATOR_FIELDS, newLabel: 'New accelerator',
    columns: [['Vendor', a => a.vendor, false, 'vendor'], ['Name', a => a.name, false, 'name'],
      ['Memory GB', a => fmt(a.memoryGb, 0), true, 'memoryGb'], ['Bandwidth TB/s', a => fmt(a.memoryBandwidthTbps), true, 'memoryBandwidthTbps'],
      ['BF16 TFLOPS', a => fmt(a.bf16DenseTflops, 0), true, 'bf16DenseTflops'], ['FP8 TFLOPS', a => fmt(a.fp8DenseTflops, 0), true, 'fp8DenseTflops'],
      ['FP4 TFLOPS', a => fmt(a.fp4DenseTflops, 0), true, 'fp4DenseTflops'], ['TDP W', a => fmt(a.tdpWatts, 0), true, 'tdpWatts']],
    figures: [['memoryGb', 'memory GB'], ['memoryBandwidthTbps', 'bandwidth TB/s'], ['bf16DenseTflops', 'BF16 TFLOPS'],
      ['fp8DenseTflops', 'FP8 TFLOPS'], ['fp4DenseTflops', 'FP4 TFLOPS'], ['scaleUpBandwidthGBpsPerDirection', 'scale-up GB/s'], ['tdpWatts', 'TDP W']],
  },
  systems: {
    title: 'Systems', one: 'system', fields: SYSTEM_FIELDS, newLabel: 'New system',
    columns: [['Vendor', s => s.vendor, false, 'vendor'], ['Name', s => s.name, false, 'name'],
      ['Accelerator', s => s.acceleratorId, false, 'acceleratorId'], ['Count', s => fmt(s.acceleratorCount, 0), true, 'acceleratorCount'],
      ['Scale-up domain', s => fmt(s.scaleUpDomainSize, 0), true, 'scaleUpDomainSize'], ['Host W', s => fmt(s.hostPowerWatts, 0), true, 'hostPowerWatts'],
      ['PUE', s => fmt(s.pueDefault), true, 'pueDefault'], ['Price USD', s => money(s.priceUsd), true, 'priceUsd']],
    figures: [['acceleratorCount', 'accelerators'], ['scaleUpDomainSize', 'scale-up domain'], ['hostPowerWatts', 'host W'], ['priceUsd', 'price USD']],
  },
  models: {
    title: 'Models', one: 'model', fields: MODEL_FIELDS, newLabel: 'New model',
    columns: [['Name', m => m.name, false, 'name'], ['Vendor', m => m.vendor, false, 'vendor'], ['Family', m => m.family, false, 'family'],
      ['Availability', m => m.availability, false, 'availability'], ['Total params', m => billions(m.totalParameters), true, 'totalParameters'],
      ['Active params', m => billions(m.activeParameters), true, 'activeParameters'], ['Max context', m => fmt(m.maxContext, 0), true, 'maxContext'],
      ['MMLU', m => fmt(m.mmlu, 1), true, 'mmlu'], ['API $/M tok', m => m.priceUsdPerMillionTokens === undefined ? '—' : money(m.priceUsdPerMillionTokens, 2), true, 'priceUsdPerMillionTokens']],
    figures: [['totalParameters', 'total params (B)', 1e-9], ['activeParameters', 'active params (B)', 1e-9], ['layers', 'layers'],
      ['maxContext', 'max context (k tokens)', 1e-3], ['mmlu', 'MMLU'], ['priceUsdPerMillionTokens', 'API $/M tokens']],
  },
};

const visibilityOf = (e) => e.overridden ? 'overridden' : (e.visibility === 'tenant' ? 'tenant-private' : 'public');
const visibilityBadge = (e) => el('span', { class: 'badge vis-' + visibilityOf(e), 'data-visibility': visibilityOf(e),
  title: e.overridden ? 'your tenant overrides: ' + (e.overriddenFields || []).join(', ') : '' }, visibilityOf(e));
const catalogNav = (current) => el('nav', { class: 'subnav', 'aria-label': 'catalog' },
  ...Object.entries(CATALOG_KINDS).map(([kind, k]) =>
    el('a', { href: '#/catalog/' + kind, ...(kind === current ? { 'aria-current': 'page' } : {}) }, k.title)));
const entryHref = (kind, id) => `#/catalog/${kind}/${encodeURIComponent(id)}`;
/**
 * Updates the address bar to a view's current state without re-rendering (shareable URL) — only while that view's page
 * is the one shown: a view that finished loading after the user navigated on must not rewrite the new address.
 */
const replaceHash = (hash, root) => {
  if (root !== currentPage) return;
  if (window.location.hash !== hash) history.replaceState(null, '', hash);
};

// ------------------------------------------------------------------------------------------------ lists

async function catalogListView(kind, params) {
  const k = CATALOG_KINDS[kind];
  const root = view();
  root.replaceChildren(catalogNav(kind), el('h1', {}, k.title), el('p', { class: 'muted' }, 'Loading…'));
  const [entries, caller] = await Promise.all([catalogList(kind), me()]);
  const search = el('input', { type: 'search', id: 'catalog-search', value: params.get('q') || '',
    placeholder: 'Search by id, name, vendor, family, notes', 'aria-label': 'Search ' + k.title.toLowerCase() });
  let sort = params.get('sort') || 'id';
  const tbody = el('tbody');
  const picked = new Set((params.get('ids') || '').split(',').filter(Boolean));
  const compareButton = el('button', { type: 'button', id: 'compare-selected', class: 'secondary' }, 'Compare selected');
  const count = el('span', { class: 'muted', id: 'catalog-count' });
  const columns = [['Id', e => e.id, false, 'id'], ...k.columns];
  const searchable = (e) => [e.id, e.name, e.vendor, e.family, e.hfId, e.memoryType, e.acceleratorId, e.notes, sourceOf(e)].filter(Boolean).join(' ').toLowerCase();
  const sortValue = (e, field) => e[field] === undefined || e[field] === null ? null : e[field];
  const shareHash = () => {
    const p = new URLSearchParams();
    if (search.value) p.set('q', search.value);
    if (sort !== 'id') p.set('sort', sort);
    return '#/catalog/' + kind + (p.toString() ? '?' + p : '');
  };
  const headRow = el('tr');
  const render = () => {
    const q = search.value.trim().toLowerCase();
    const field = sort.replace(/^-/, '');
    const direction = sort.startsWith('-') ? -1 : 1;
    const shown = entries.filter(e => !q || searchable(e).includes(q)).sort((a, b) => {
      const x = sortValue(a, field); const y = sortValue(b, field);
      if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : (x === null ? 1 : -1);
      const c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
      return c !== 0 ? c * direction : a.id.localeCompare(b.id);
    });
    tbody.replaceChildren(...shown.map(e => el('tr', { 'data-id': e.id, 'data-visibility': visibilityOf(e) },
      el('td', {}, el('input', { type: 'checkbox', class: 'compare-pick', value: e.id, 'aria-label': 'Select ' + e.id + ' to compare',
        ...(picked.has(e.id) ? { checked: '' } : {}),
        onchange: (event) => { if (event.target.checked) picked.add(e.id); else picked.delete(e.id); updateCompare(); } })),
      el('td', {}, el('a', { href: entryHref(kind, e.id) }, e.id)),
      ...k.columns.map(([, value, numeric, field]) => el('td', numeric ? { class: 'num' } : {}, value(e) ?? '—',
        field === 'name' ? [' ', visibilityBadge(e)] : null)),
      el('td', { class: 'muted source', title: sourceOf(e) }, el('div', { class: 'clamp' }, sourceOf(e))))));
    count.textContent = `${shown.length} of ${entries.length}`;
    headRow.replaceChildren(el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Compare')),
      ...columns.map(([label, , , f]) => {
        const state = sort === f ? 'ascending' : sort === '-' + f ? 'descending' : 'none';
        return el('th', { scope: 'col', 'aria-sort': state }, el('button', { type: 'button', class: 'sort', 'data-sort': f,
          onclick: () => { sort = sort === f ? '-' + f : f; render(); } }, label, state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''));
      }), el('th', { scope: 'col' }, 'Source'));
    replaceHash(shareHash(), root);
  };
  const updateCompare = () => {
    compareButton.disabled = picked.size < 2;
    compareButton.textContent = `Compare selected (${picked.size})`;
  };
  compareButton.addEventListener('click', () => {
    window.location.hash = `#/catalog/compare?kind=${kind}&ids=${[...picked].map(encodeURIComponent).join(',')}`;
  });
  search.addEventListener('input', render);
  render();
  updateCompare();
  const actions = el('div', { class: 'actions' }, search, count, compareButton,
    hasRole(caller, 'tenant-admin') ? el('a', { class: 'button', id: 'new-entry', href: `#/catalog/${kind}/new` }, k.newLabel) : null);
  const parts = [catalogNav(kind), el('h1', {}, k.title),
    ...(params.get('deleted') ? [el('p', { class: 'notice', id: 'deleted-notice', role: 'status' }, `Deleted ${params.get('deleted')}.`)] : []),
    el('p', { class: 'muted' }, 'Public entries carry their sources; ', visibilityBadge({ visibility: 'tenant' }),
      ' entries belong to your tenant only; ', visibilityBadge({ overridden: true }), ' public entries carry your tenant\'s own figures.'),
    actions,
    el('div', { class: 'table-wrap' }, el('table', { id: kind, class: 'catalog' }, el('thead', {}, headRow), tbody))];
  if (kind === 'accelerators') {
    const chartNode = el('div', { class: 'chart', id: 'catalog-chart', role: 'img',
      'aria-label': 'Memory bandwidth against dense BF16 compute per accelerator' });
    parts.push(el('h2', {}, 'Compute vs memory bandwidth'), chartNode);
    root.replaceChildren(...parts);
    chart('catalog', chartNode, {
      tooltip: { formatter: p => `${p.data[2]}: ${p.data[0]} TB/s, ${p.data[1]} TFLOPS` },
      xAxis: { name: 'memory bandwidth (TB/s)', type: 'value' },
      yAxis: { name: 'dense BF16 TFLOPS', type: 'value' },
      series: [{ type: 'scatter', symbolSize: 14, label: { show: true, formatter: p => p.data[2], position: 'top' },
        data: entries.filter(a => a.bf16DenseTflops).map(a => [Number(a.memoryBandwidthTbps), Number(a.bf16DenseTflops), a.id]) }],
    });
  } else {
    root.replaceChildren(...parts);
  }
}

/** The catalog's first page: accelerators (the old #/catalog URL keeps working). */
async function catalogView() {
  await catalogListView('accelerators', new URLSearchParams());
}

// ------------------------------------------------------------------------------------------------ detail

const displayValue = (v) => v === null || v === undefined ? '—' : (typeof v === 'object' ? JSON.stringify(v) : String(v));

async function catalogEntryView(kind, id) {
  const k = CATALOG_KINDS[kind];
  const root = view();
  root.replaceChildren(catalogNav(kind), el('h1', {}, id), el('p', { class: 'muted' }, 'Loading…'));
  let entry;
  let etag = null;
  try {
    ({ body: entry, etag } = await catalogCall(`/catalog/${kind}/${encodeURIComponent(id)}`));
  } catch (problem) {
    if (problem.status === 404) {
      root.replaceChildren(catalogNav(kind), el('h1', {}, id),
        el('p', { id: 'not-found', class: 'problem' }, `Not found: no ${k.one} ${id} in your catalog.`));
      return;
    }
    throw problem;
  }
  const [caller, history, overrideHistory] = await Promise.all([me(),
    catalogCall(`/catalog/${kind}/${encodeURIComponent(id)}/revisions`).then(r => r.body).catch(() => []),
    entry.overridden ? catalogCall(`/catalog/${kind}/${encodeURIComponent(id)}/override/revisions`).then(r => r.body).catch(() => []) : []]);
  const known = new Set(k.fields.map(f => f[0].split('.')[0]));
  const skip = new Set(['id', 'kind', 'visibility', 'revision', 'updatedAt', 'updatedBy', 'overridden', 'overriddenFields',
    'overrideRevision', 'source', 'sources']);
  const overridden = new Set(entry.overriddenFields || []);
  const rows = [...k.fields.filter(([f]) => !f.startsWith('sources.') && f !== 'source').map(([f, label]) => [f, label]),
    ...Object.keys(entry).filter(f => !known.has(f) && !skip.has(f)).map(f => [f, f])];
  const sources = entry.sources ? Object.entries(entry.sources) : (entry.source ? [['source', entry.source]] : []);
  if (kind === 'models') {
    for (const f of ['mmluSource', 'priceSource']) if (entry[f] && !sources.some(s => s[1] === entry[f])) sources.push([f, entry[f]]);
  }
  const admin = hasRole(caller, 'tenant-admin');
  const editable = admin && (entry.visibility === 'tenant' || hasRole(caller, 'platform-admin'));
  const status = el('div', { id: 'entry-status', 'aria-live': 'polite' });
  // a destructive call asks once more in the page (no browser dialog), then sends If-Match; a 412 says reload
  const confirmThen = (what, confirmId, call, done) => status.replaceChildren(el('div', { class: 'notice', role: 'alert' },
    `${what}? The catalog keeps the revision history.`, ' ',
    el('button', { type: 'button', id: confirmId, onclick: async () => {
      try {
        await call();
        done();
      } catch (problem) {
        status.replaceChildren(problem.status === 412
          ? el('div', { id: 'conflict', class: 'problem', role: 'alert' }, 'This entry was changed by someone else since you opened it. ',
            el('button', { type: 'button', id: 'reload-entry', onclick: () => catalogEntryView(kind, id) }, 'Reload'))
          : problemBox(problem));
      }
    } }, 'Yes, ' + what.toLowerCase()), ' ',
    el('button', { type: 'button', class: 'secondary', onclick: () => status.replaceChildren() }, 'Cancel')));
  const path = `/catalog/${kind}/${encodeURIComponent(id)}`;
  const actions = el('div', { class: 'actions', id: 'entry-actions' },
    editable ? el('a', { class: 'button', id: 'edit-entry', href: entryHref(kind, id) + '/edit' }, entry.visibility === 'public' ? 'Edit public entry' : 'Edit') : null,
    admin && entry.visibility === 'public'
      ? el('a', { class: 'button secondary', id: 'override-entry', href: entryHref(kind, id) + '/override' }, entry.overridden ? 'Change my tenant\'s override' : 'Override for my tenant') : null,
    admin && entry.overridden
      ? el('button', { type: 'button', class: 'secondary', id: 'remove-override', onclick: () => confirmThen('Remove my tenant\'s override',
        'confirm-remove-override', () => catalogCall(path + '/override', { method: 'DELETE', ifMatch: `"${entry.overrideRevision}"` }),
        () => catalogEntryView(kind, id)) }, 'Remove my tenant\'s override') : null,
    editable
      ? el('button', { type: 'button', class: 'secondary', id: 'delete-entry', onclick: () => confirmThen('Delete ' + (entry.name || id),
        'confirm-delete', () => catalogCall(path, { method: 'DELETE', ifMatch: etag }),
        () => { window.location.hash = '#/catalog/' + kind + '?deleted=' + encodeURIComponent(id); }) }, 'Delete') : null,
    el('a', { class: 'button secondary', href: '#/catalog/' + kind }, 'Back to ' + k.title.toLowerCase()));
  const revisionTable = (list, tableId) => el('div', { class: 'table-wrap' }, el('table', { id: tableId },
    el('thead', {}, el('tr', {}, ...['Revision', 'Change', 'Fields', 'By', 'When'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...list.slice().reverse().map(r => el('tr', { 'data-revision': String(r.revision) },
      el('td', { class: 'num' }, r.revision), el('td', {}, r.change), el('td', {}, (r.changedFields || []).join(', ') || '—'),
      el('td', {}, r.changedBy), el('td', {}, r.changedAt))))));
  root.replaceChildren(catalogNav(kind),
    el('h1', {}, entry.name || id, ' ', visibilityBadge(entry)),
    el('p', { class: 'muted' }, `${k.one} ${id} · revision ${entry.revision} · updated ${entry.updatedAt || '—'} by ${entry.updatedBy || '—'}`),
    actions, status,
    el('div', { class: 'table-wrap full' }, el('table', { id: 'entry-fields' }, el('tbody', {},
      ...rows.map(([f, label]) => el('tr', { 'data-field': f, ...(overridden.has(f) ? { class: 'overridden' } : {}) },
        el('th', { scope: 'row' }, label), el('td', {}, displayValue(entry[f]),
          overridden.has(f) ? [' ', el('span', { class: 'badge vis-overridden' }, 'your tenant\'s value')] : null)))))),
    el('h2', {}, 'Sources'),
    sources.length ? el('ul', { id: 'entry-sources' }, ...sources.map(([what, text]) => el('li', {}, el('strong', {}, what), ': ', text)))
      : el('p', { class: 'muted', id: 'entry-sources' }, 'No source given.'),
    el('h2', {}, 'Revision history'), revisionTable(history, 'revisions'),
    entry.overridden ? el('h2', {}, 'Your tenant\'s override') : null,
    entry.overridden ? revisionTable(overrideHistory, 'override-revisions') : null);
}

// ------------------------------------------------------------------------------------------------ create / edit / override

function entryInput([field, label, type, options], value) {
  const name = field;
  let input;
  if (type === 'enum') {
    input = el('select', { name }, el('option', { value: '' }, '—'),
      ...options.map(o => el('option', { value: o, ...(o === value ? { selected: '' } : {}) }, o)));
  } else if (type === 'bool') {
    input = el('select', { name }, ...[['', '—'], ['true', 'yes'], ['false', 'no']].map(([v, l]) =>
      el('option', { value: v, ...(String(value ?? '') === v ? { selected: '' } : {}) }, l)));
  } else if (type === 'num') {
    input = numberInput(name, value);
  } else if (type === 'long') {
    input = el('textarea', { name, rows: '2' });
    input.value = value ?? '';
  } else {
    input = el('input', { name, value: value ?? '' });
  }
  return apiField(field, label, input);
}
function readEntryField(form, [field, , type]) {
  const raw = form.querySelector(`[name="${field}"]`).value.trim();
  if (raw === '') return null;
  if (type === 'num') return Number.isFinite(Number(raw)) ? Number(raw) : raw;   // the server names a non-number
  if (type === 'bool') return raw === 'true';
  return raw;
}

/** mode: 'new' (POST), 'edit' (PUT with If-Match) or 'override' (PUT .../override, the changed fields only). */
async function catalogFormView(kind, id, mode) {
  const k = CATALOG_KINDS[kind];
  const root = view();
  root.replaceChildren(catalogNav(kind), el('h1', {}, k.newLabel), el('p', { class: 'muted' }, 'Loading…'));
  const caller = await me();
  let entry = {};
  let etag = null;
  if (mode !== 'new') {
    const response = await catalogCall(`/catalog/${kind}/${encodeURIComponent(id)}`);
    entry = response.body;
    etag = mode === 'override' ? (entry.overridden ? `"${entry.overrideRevision}"` : null) : response.etag;
  }
  const status = el('div', { id: 'entry-status', 'aria-live': 'polite' });
  const idField = mode === 'new' ? apiField('id', 'Id (letters, digits, . _ -)', el('input', { name: 'id', required: '' })) : null;
  const visibility = mode === 'new' && hasRole(caller, 'platform-admin')
    ? apiField('visibility', 'Visibility', el('select', { name: 'visibility' }, el('option', { value: 'tenant' }, 'private to my tenant'),
      el('option', { value: 'public' }, 'public (every tenant)'))) : null;
  const valueOf = (f) => f.split('.').reduce((n, key) => (n === null || n === undefined) ? undefined : n[key], entry);
  const form = el('form', { id: 'entry-form', novalidate: '', class: 'stack' },
    el('div', { class: 'grid' }, idField, visibility, ...k.fields.map(f => entryInput(f, valueOf(f[0])))),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'save-entry' },
      mode === 'new' ? 'Create' : mode === 'override' ? 'Save my tenant\'s override' : 'Save'),
      mode !== 'new' ? el('a', { class: 'button secondary', href: entryHref(kind, id) }, 'Cancel') : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    status.replaceChildren();
    const spec = {};
    for (const f of k.fields) {
      const value = readEntryField(form, f);
      if (value !== null) setPath(spec, f[0], value);
    }
    try {
      let saved;
      if (mode === 'new') {
        const body = { id: form.querySelector('[name=id]').value.trim(), ...spec };
        if (visibility) body.visibility = form.querySelector('[name=visibility]').value;
        saved = await catalogCall(`/catalog/${kind}`, { method: 'POST', body });
      } else if (mode === 'edit') {
        saved = await catalogCall(`/catalog/${kind}/${encodeURIComponent(id)}`, { method: 'PUT', body: spec, ifMatch: etag });
      } else {
        // only what the tenant changes (and what it already overrides) becomes its override
        const changes = {};
        const already = new Set(entry.overriddenFields || []);
        for (const f of k.fields) {
          const top = f[0].split('.')[0];
          const before = JSON.stringify(valueOf(f[0]) ?? null);
          const after = readEntryField(form, f);
          if (JSON.stringify(after) !== before || already.has(top)) {
            if (top !== f[0]) changes[top] = spec[top] || {};
            else changes[top] = after;
          }
        }
        saved = await catalogCall(`/catalog/${kind}/${encodeURIComponent(id)}/override`, { method: 'PUT', body: changes, ifMatch: etag });
      }
      window.location.hash = entryHref(kind, saved.body.id || id);
    } catch (problem) {
      if (problem.status === 412) {
        status.replaceChildren(el('div', { class: 'problem', role: 'alert', id: 'conflict', 'data-status': '412' },
          'This entry was changed by someone else since you opened it. Reload to see the latest version, then make your change again. ',
          el('button', { type: 'button', class: 'secondary', id: 'reload-entry', onclick: () => route() }, 'Reload')));
        return;
      }
      showProblem(form, status, problem);
    }
  });
  const title = mode === 'new' ? k.newLabel : mode === 'override' ? `Override ${entry.name || id} for tenant ${caller.tenant || ''}` : `Edit ${entry.name || id}`;
  root.replaceChildren(catalogNav(kind), el('h1', {}, title),
    el('p', { class: 'muted' }, mode === 'new' ? (visibility ? 'Private to your tenant unless you choose public.' : 'The new entry is private to your tenant (' + (caller.tenant || '') + ').')
      : mode === 'override' ? 'Your tenant sees your values instead of the public ones; other tenants keep seeing the public entry. Only the fields you change are stored.'
        : `Revision ${entry.revision}; saving writes a new revision (it fails if someone saved in between).`),
    form, status);
}

// ------------------------------------------------------------------------------------------------ compare

async function catalogCompareView(params) {
  const kind = CATALOG_KINDS[params.get('kind')] ? params.get('kind') : 'accelerators';
  const k = CATALOG_KINDS[kind];
  const ids = (params.get('ids') || '').split(',').map(s => s.trim()).filter(Boolean);
  const root = view();
  root.replaceChildren(catalogNav(kind), el('h1', {}, 'Compare ' + k.title.toLowerCase()), el('p', { class: 'muted' }, 'Loading…'));
  const { body } = await catalogCall(`/catalog/${kind}/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  const byField = Object.fromEntries(body.fields.map(f => [f.field, f]));
  const onlyDiffering = el('input', { type: 'checkbox', id: 'only-differing' });
  const tbody = el('tbody');
  const render = () => tbody.replaceChildren(...body.fields
    .filter(f => f.values.some(v => v !== null) && (!onlyDiffering.checked || f.differs))
    .map(f => el('tr', { 'data-field': f.field, ...(f.differs ? { class: 'differs' } : {}) },
      el('th', { scope: 'row' }, (k.fields.find(x => x[0] === f.field) || [f.field, f.field])[1]),
      ...f.values.map(v => el('td', { class: typeof v === 'number' ? 'num' : '' }, displayValue(v))))));
  onlyDiffering.addEventListener('change', render);
  render();
  const figures = k.figures.filter(([f]) => byField[f] && byField[f].values.some(v => typeof v === 'number'));
  const chartNode = el('div', { class: 'chart tall', id: 'catalog-compare-chart', role: 'img', 'aria-label': 'Key figures side by side' });
  root.replaceChildren(catalogNav(kind), el('h1', {}, 'Compare ' + k.title.toLowerCase()),
    el('p', { class: 'muted' }, 'Shareable: this page\'s address names the entries. ', el('a', { href: '#/catalog/' + kind }, 'Pick others')),
    el('label', { class: 'inline' }, onlyDiffering, 'Only fields that differ'),
    el('div', { class: 'table-wrap full' }, el('table', { id: 'compare-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'),
        ...body.ids.map(id => el('th', { scope: 'col' }, el('a', { href: entryHref(kind, id) }, id))))), tbody)),
    el('h2', {}, 'Key figures'), chartNode);
  chart('catalogCompare', chartNode, {
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: figures.map(f => f[1]), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'log', name: 'value (log scale)', minorSplitLine: { show: false } },
    series: body.ids.map((id, i) => ({ name: id, type: 'bar',
      data: figures.map(([f, , scale]) => { const v = byField[f].values[i]; return typeof v === 'number' && v > 0 ? Math.round(v * (scale || 1) * 1000) / 1000 : null; }),
      label: { show: true, position: 'top', fontSize: 10 } })),
  });
}

// ------------------------------------------------------------------------------------------------ pricing: hardware generations

const GENERATION_DEFAULTS = ['H100', 'H200', 'B200', 'GB200', 'MI300X', 'MI355X'];

/** Per accelerator, the simulator's steady-state estimate (POST /api/simulations/estimate) for the chosen scenario. */
async function estimateOn(scenario) {
  return (await api('/simulations/estimate', { method: 'POST', body: JSON.stringify(scenario) })).body.result;
}

async function generationsView(params) {
  const root = view();
  root.replaceChildren(pricingNav('#/pricing/generations'), el('h1', {}, 'Hardware generations'), el('p', { class: 'muted' }, 'Loading…'));
  const [models, accelerators, ratesResponse] = await Promise.all([catalogList('models'), catalogList('accelerators'),
    api('/pricing/rates').catch(() => ({ body: [] }))]);
  const rates = Object.fromEntries((ratesResponse.body || []).map(r => [r.acceleratorId, r]));
  const runnable = models.filter(m => m.availability !== 'API_ONLY' && m.layers);
  const chosen = (params.get('accelerators') || '').split(',').filter(Boolean);
  const defaults = chosen.length ? chosen : GENERATION_DEFAULTS.filter(id => accelerators.some(a => a.id === id));
  const modelId = params.get('model') || (runnable.find(m => m.id === 'llama-3.1-8b') || runnable[0] || {}).id;
  const select = (name, options, value) => el('select', { name }, ...options.map(([v, l]) => el('option', { value: v, ...(v === value ? { selected: '' } : {}) }, l)));
  const form = el('form', { id: 'generations-form', novalidate: '', class: 'stack' },
    el('div', { class: 'grid' },
      apiField('modelId', 'Model', select('modelId', runnable.map(m => [m.id, m.name || m.id]), modelId)),
      apiField('quantization', 'Precision', select('quantization', QUANTIZATIONS.map(q => [q, q]), params.get('precision') || 'FP8')),
      apiField('parallelism.tensor', 'GPUs per replica (TP)', numberInput('tensor', params.get('tp') || 1, { min: '1', step: '1' })),
      apiField('workload.inputTokens', 'Input tokens per request', numberInput('inputTokens', params.get('isl') || 1024, { min: '1', step: '1' })),
      apiField('workload.outputTokens', 'Output tokens per request', numberInput('outputTokens', params.get('osl') || 256, { min: '1', step: '1' })),
      apiField('batch.maxBatchSequences', 'Max sequences per batch', numberInput('maxBatchSequences', params.get('batch') || 256, { min: '1', step: '1' })),
      apiField('defaultRate', 'USD per GPU-hour where pricing has no rate', numberInput('defaultRate', params.get('rate') || 2, { min: '0' }))),
    el('fieldset', {}, el('legend', {}, 'Accelerators'), el('div', { class: 'checks', id: 'generation-accelerators' },
      ...accelerators.map(a => el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: 'accelerator', value: a.id,
        ...(defaults.includes(a.id) ? { checked: '' } : {}) }), `${a.id}`)))),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'run-generations' }, 'Compare generations')));
  const status = el('div', { id: 'generations-status', 'aria-live': 'polite' });
  const results = el('section', { id: 'generations-results', 'aria-label': 'Hardware generations' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    const value = (name) => form.querySelector(`[name="${name}"]`).value;
    // known generations in release order, then the rest in catalog order
    const rank = (id) => GENERATION_DEFAULTS.includes(id) ? GENERATION_DEFAULTS.indexOf(id) : GENERATION_DEFAULTS.length;
    const ids = [...form.querySelectorAll('input[name=accelerator]:checked')].map(c => c.value)
      .map((id, i) => [id, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([id]) => id);
    if (ids.length < 1) { status.replaceChildren(problemBox({ title: 'Pick at least one accelerator' })); return; }
    const p = new URLSearchParams({ model: value('modelId'), precision: value('quantization'), tp: value('tensor'),
      isl: value('inputTokens'), osl: value('outputTokens'), batch: value('maxBatchSequences'),
      rate: value('defaultRate'), accelerators: ids.join(',') });
    replaceHash('#/pricing/generations?' + p, root);
    const base = (acceleratorId) => ({ name: `Generations: ${value('modelId')} ${value('quantization')} on ${acceleratorId}`,
      modelId: value('modelId'), acceleratorId, quantization: value('quantization'),
      parallelism: { tensor: Number(value('tensor')), pipeline: 1, expert: 1 }, replicas: 1,
      batch: { maxBatchSequences: Number(value('maxBatchSequences')), maxBatchTokens: 8192, kvCacheMemoryFraction: 0.9 },
      // arrivals far above what any replica serves: every request is queued, so the figures are offline (saturated) throughput
      workload: { arrivalRate: 1000, inputTokens: Number(value('inputTokens')), outputTokens: Number(value('outputTokens')) },
      requestCount: 1000, seed: 1 });
    const progress = Object.fromEntries(ids.map(id => [id, 'starting']));
    const showProgress = () => status.replaceChildren(el('p', { class: 'muted' }, 'Estimating: ',
      ...ids.map(id => el('span', { class: 'generation-state', 'data-id': id }, `${id} ${progress[id]}; `))));
    showProgress();
    form.querySelector('#run-generations').disabled = true;
    const rows = await Promise.all(ids.map(async (id) => {
      try {
        const result = await estimateOn(base(id));
        progress[id] = 'done'; showProgress();
        return { id, result };
      } catch (problem) {
        progress[id] = 'failed'; showProgress();
        return { id, problem };
      }
    }));
    form.querySelector('#run-generations').disabled = false;
    const firstProblem = rows.find(r => r.problem);
    if (firstProblem && rows.every(r => r.problem)) { showProblem(form, status, firstProblem.problem); return; }
    status.replaceChildren(...rows.filter(r => r.problem).map(r => problemBox({ ...r.problem, title: `${r.id}: ${r.problem.title || 'failed'}` })));
    await renderGenerations(results, rows.filter(r => !r.problem), accelerators, rates, Number(value('defaultRate')));
  });
  root.replaceChildren(pricingNav('#/pricing/generations'), el('h1', {}, 'Hardware generations'),
    el('p', { class: 'muted' }, 'The same model, precision and workload on each accelerator, estimated at saturation by the simulator\'s '
      + 'steady-state method (every request queued), so the figures are what one replica sustains at full load. Cost = the GPU-hour rate ÷ output tokens per GPU-hour, computed by pricing-service; '
      + 'energy = the simulator\'s facility energy per output token; tokens/s per MW = 10⁶ ÷ J per token.'),
    form, status, results);
  if (params.get('accelerators')) form.requestSubmit();
}

/**
 * One replica's cost per million output tokens on each accelerator, computed by pricing-service
 * (POST /api/pricing/token-cost): the platform GPU-hour rate of the accelerator (acceleratorId), or, where the platform
 * has none, a rental at the page's default rate. The page only formats the returned figures.
 */
async function generationCost(id, r, rates, defaultRate) {
  const perReplica = Number(r.outputTokensPerSecondPerReplica);
  const replica = Number(r.gpusPerReplica) >= 1 && perReplica > 0;
  const throughput = replica ? { gpusPerReplica: Number(r.gpusPerReplica), outputTokensPerSecond: perReplica }
    : { gpusPerReplica: 1, outputTokensPerSecond: Number(r.outputTokensPerSecondPerGpu) };
  if (!(throughput.outputTokensPerSecond > 0)) return { cost: null };
  const terms = rates[id] ? { acceleratorId: id }
    : { tco: { path: 'RENT', rentalUsdPerGpuHour: Number.isFinite(defaultRate) ? defaultRate : null, powerIncludedInRental: true } };
  try {
    const { body } = await api('/pricing/token-cost', { method: 'POST', body: JSON.stringify({ ...terms, ...throughput }) });
    return { cost: body, basis: rates[id] ? body.rateBasis : 'default (this page)' };
  } catch (problem) {
    return { cost: null, problem };
  }
}

async function renderGenerations(results, rows, accelerators, rates, defaultRate) {
  const costs = await Promise.all(rows.map(({ id, result }) => generationCost(id, result || {}, rates, defaultRate)));
  const figures = rows.map(({ id, result }, i) => {
    const r = result || {};
    const perGpu = Number(r.outputTokensPerSecondPerGpu);
    const joules = r.joulesPerOutputToken === undefined || r.joulesPerOutputToken === null ? null : Number(r.joulesPerOutputToken);
    const perMw = r.outputTokensPerSecondPerMegawatt ? Number(r.outputTokensPerSecondPerMegawatt) : (joules ? 1e6 / joules : null);
    const { cost, basis, problem } = costs[i];
    const rate = cost ? Number(cost.usdPerGpuHour.total) : null;
    const usdPerMillion = cost ? Number(cost.perMillionOutputTokens.total) : null;
    const accelerator = accelerators.find(a => a.id === id) || {};
    return { id, name: accelerator.name || id, perGpu, perMw, joules, rate, basis, usdPerMillion, problem, perUser: r.tokensPerSecondPerUser, method: r.method };
  });
  const round = (n, d) => n === null || n === undefined || !Number.isFinite(n) ? null : Math.round(n * 10 ** d) / 10 ** d;
  const charts = [
    ['generationsThroughput', 'Output tokens/s per GPU', f => round(f.perGpu, 1)],
    ['generationsPerMw', 'Output tokens/s per MW of facility power', f => round(f.perMw, 0)],
    ['generationsCost', 'USD per million output tokens', f => round(f.usdPerMillion, 4)],
    ['generationsEnergy', 'Joules per output token', f => round(f.joules, 4)],
  ];
  const nodes = charts.map(([name, label]) => el('div', { class: 'chart short', id: name + '-chart', role: 'img', 'aria-label': label + ' per accelerator' }));
  results.replaceChildren(el('h2', {}, 'Per accelerator'),
    el('div', { class: 'table-wrap' }, el('table', { id: 'generations-table' },
      el('thead', {}, el('tr', {}, ...['Accelerator', 'Output tok/s per GPU', 'Tok/s per user', 'Tok/s per MW', 'J per output token', 'USD per GPU-hour', 'USD per M output tokens', 'Method']
        .map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...figures.map(f => el('tr', { 'data-id': f.id },
        el('td', {}, el('a', { href: entryHref('accelerators', f.id) }, f.id), ' ', el('span', { class: 'muted' }, f.name)),
        el('td', { class: 'num' }, fmt(f.perGpu, 1)), el('td', { class: 'num' }, fmt(f.perUser, 1)), el('td', { class: 'num' }, fmt(f.perMw, 0)),
        el('td', { class: 'num' }, fmt(f.joules, 3)), el('td', { class: 'num' }, f.rate === null ? '—' : money(f.rate, 2) + ' (' + f.basis + ')'),
        el('td', { class: 'num', ...(f.problem ? { title: f.problem.detail || f.problem.title || '' } : {}) }, money(f.usdPerMillion, 4)),
        el('td', {}, f.method || '—')))))),
    ...figures.filter(f => f.problem).map(f => problemBox({ ...f.problem, title: `${f.id}: cost not computed (pricing-service: ${f.problem.title || f.problem.status})` })),
    el('div', { class: 'chart-grid' }, ...charts.map(([, label], i) => el('div', {}, el('h3', {}, label), nodes[i]))));
  charts.forEach(([name, label, value], i) => chart(name, nodes[i], {
    animation: false, tooltip: { trigger: 'axis' }, grid: { left: 80, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: figures.map(f => f.id) }, yAxis: { type: 'value', name: '' },
    series: [{ name: label, type: 'bar', data: figures.map(value), label: { show: true, position: 'top', fontSize: 10 } }],
  }));
}

// ------------------------------------------------------------------------------------------------ routes

/** The catalog's and the generation page's routes; true when the path was one of them. */
async function catalogRoute(path, params) {
  let match;
  if (path === '#/catalog/compare') await catalogCompareView(params);
  else if ((match = path.match(/^#\/catalog\/(accelerators|systems|models)\/compare$/))) {
    params.set('kind', match[1]);
    await catalogCompareView(params);
  } else if ((match = path.match(/^#\/catalog\/(accelerators|systems|models)\/new$/))) await catalogFormView(match[1], null, 'new');
  else if ((match = path.match(/^#\/catalog\/(accelerators|systems|models)\/([^/]+)\/(edit|override)$/))) await catalogFormView(match[1], decodeURIComponent(match[2]), match[3]);
  else if ((match = path.match(/^#\/catalog\/(accelerators|systems|models)\/([^/]+)$/))) await catalogEntryView(match[1], decodeURIComponent(match[2]));
  else if ((match = path.match(/^#\/catalog\/(accelerators|systems|models)$/))) await catalogListView(match[1], params);
  else if (path === '#/catalog') await catalogListView('accelerators', params);
  else if (path === '#/pricing/generations') await generationsView(params);
  else return false;
  return true;
}
