// Tokenomics web app: a small hash-routed single page that talks to /app/api/** with the login session.
'use strict';

const api = async (path, options = {}) => {
  const response = await fetch('/app/api' + path, {
    ...options,
    headers: { 'Accept': 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
    credentials: 'same-origin',
    redirect: 'manual',
  });
  if (response.status === 499 || response.type === 'opaqueredirect' || response.status === 401) {
    window.location.assign('/app/');   // the session ended: log in again
    throw new Error('session expired');
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = body || { title: response.statusText, status: response.status };
    problem.status = response.status;
    throw problem;
  }
  return { status: response.status, body, location: response.headers.get('Location') };
};

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child.nodeType ? child : String(child));
  }
  return node;
};

const view = () => document.getElementById('view');
const fmt = (n, digits = 2) => (n === null || n === undefined) ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });
const problemBox = (p) => el('div', { class: 'problem', role: 'alert' }, `${p.title || 'Error'}${p.detail ? ': ' + p.detail : ''}`);

// Charts are kept here so tests (and curious users in the console) can read what is drawn.
window.tokenomicsCharts = {};
const chart = (name, node, option) => {
  const instance = echarts.init(node);
  instance.setOption(option);
  window.tokenomicsCharts[name] = instance;
  window.addEventListener('resize', () => instance.resize());
  return instance;
};

/** Every page of a catalog list (the catalog pages with a cursor). */
async function catalogList(kind) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const { body } = await api(`/catalog/${kind}?limit=200` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    if (Array.isArray(body)) return body;
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

const sourceOf = (a) => a.source || (a.sources ? Object.values(a.sources).filter(Boolean).join('; ') : '');

async function catalogView() {
  const root = view();
  root.replaceChildren(el('h1', {}, 'Accelerators'), el('p', { class: 'muted' }, 'Loading…'));
  const accelerators = await catalogList('accelerators');
  const search = el('input', { type: 'search', placeholder: 'Filter by name or vendor', 'aria-label': 'Filter accelerators' });
  const tbody = el('tbody');
  const render = () => {
    const q = search.value.toLowerCase();
    tbody.replaceChildren(...accelerators
      .filter(a => !q || (a.name + ' ' + a.vendor + ' ' + a.id).toLowerCase().includes(q))
      .map(a => el('tr', { 'data-id': a.id },
        el('td', {}, a.id), el('td', {}, a.vendor), el('td', {}, a.name,
          ' ', el('span', { class: 'badge ' + (a.visibility === 'tenant' ? 'tenant' : '') }, a.visibility)),
        el('td', { class: 'num' }, fmt(a.memoryGb, 0)), el('td', { class: 'num' }, fmt(a.memoryBandwidthTbps)),
        el('td', { class: 'num' }, fmt(a.bf16DenseTflops, 0)), el('td', { class: 'num' }, fmt(a.fp8DenseTflops, 0)),
        el('td', { class: 'num' }, fmt(a.fp4DenseTflops, 0)), el('td', { class: 'num' }, fmt(a.tdpWatts, 0)),
        el('td', { class: 'muted' }, sourceOf(a)))));
  };
  search.addEventListener('input', render);
  render();
  const chartNode = el('div', { class: 'chart', id: 'catalog-chart', role: 'img',
    'aria-label': 'Memory bandwidth against dense BF16 compute per accelerator' });
  root.replaceChildren(el('h1', {}, 'Accelerators'), search,
    el('div', { class: 'table-wrap' }, el('table', { id: 'accelerators' },
      el('thead', {}, el('tr', {}, ...['Id', 'Vendor', 'Name', 'Memory GB', 'Bandwidth TB/s', 'BF16 TFLOPS',
        'FP8 TFLOPS', 'FP4 TFLOPS', 'TDP W', 'Source'].map(h => el('th', { scope: 'col' }, h)))), tbody)),
    el('h2', {}, 'Compute vs memory bandwidth'), chartNode);
  chart('catalog', chartNode, {
    tooltip: { formatter: p => `${p.data[2]}: ${p.data[0]} TB/s, ${p.data[1]} TFLOPS` },
    xAxis: { name: 'memory bandwidth (TB/s)', type: 'value' },
    yAxis: { name: 'dense BF16 TFLOPS', type: 'value' },
    series: [{ type: 'scatter', symbolSize: 14, label: { show: true, formatter: p => p.data[2], position: 'top' },
      data: accelerators.filter(a => a.bf16DenseTflops).map(a => [Number(a.memoryBandwidthTbps), Number(a.bf16DenseTflops), a.id]) }],
  });
}

async function simulateView() {
  const root = view();
  const accelerators = await catalogList('accelerators');
  const field = (name, label, input) => el('label', {}, label, input, el('span', { class: 'field-error', id: 'error-' + name }));
  const form = el('form', { id: 'scenario', novalidate: '' },
    field('name', 'Name', el('input', { name: 'name', value: 'Llama 3.1 8B BF16 on one H100', required: '' })),
    field('acceleratorId', 'Accelerator', el('select', { name: 'acceleratorId' },
      ...accelerators.map(a => el('option', { value: a.id }, `${a.id} — ${a.name}`)))),
    field('modelParameters', 'Model parameters (billions)', el('input', { name: 'modelParameters', type: 'number', step: 'any', value: '8.03', min: '0.001' })),
    field('weightPrecision', 'Weight precision', el('select', { name: 'weightPrecision' },
      ...['BF16', 'FP8', 'INT8', 'FP4', 'NVFP4', 'INT4'].map(p => el('option', { value: p }, p)))),
    field('acceleratorCount', 'Accelerators (tensor parallel)', el('input', { name: 'acceleratorCount', type: 'number', value: '1', min: '1' })),
    el('div', {}, el('button', { type: 'submit' }, 'Run simulation')));
  const status = el('div', { id: 'submit-status' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach(n => n.textContent = '');
    form.querySelectorAll('.invalid').forEach(n => n.classList.remove('invalid'));
    const data = Object.fromEntries(new FormData(form));
    const billions = Number(data.modelParameters);
    const scenario = { name: data.name, acceleratorId: data.acceleratorId, weightPrecision: data.weightPrecision,
      modelParameters: Number.isFinite(billions) && data.modelParameters !== '' ? Math.round(billions * 1e9) : null,
      acceleratorCount: data.acceleratorCount === '' ? null : Number(data.acceleratorCount) };
    try {
      const { body } = await api('/simulations', { method: 'POST', body: JSON.stringify(scenario) });
      window.location.hash = '#/simulations/' + body.id;
    } catch (problem) {
      if (problem.errors) {
        for (const e of problem.errors) {
          const target = document.getElementById('error-' + e.field);
          if (target) target.textContent = e.message;
          form.querySelector(`[name="${e.field}"]`)?.classList.add('invalid');
        }
      }
      status.replaceChildren(problemBox(problem));
    }
  });
  root.replaceChildren(el('h1', {}, 'New simulation'),
    el('p', { class: 'muted' }, 'The skeleton model gives a lower bound on decode step time: weight bytes per accelerator / memory bandwidth.'),
    form, status);
}

async function simulationView(id) {
  const root = view();
  root.replaceChildren(el('h1', {}, 'Simulation'), el('p', { id: 'run-status' }, 'Loading…'));
  let job;
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      ({ body: job } = await api('/simulations/' + encodeURIComponent(id)));
    } catch (problem) {
      if (problem.status === 404) {
        root.replaceChildren(el('h1', {}, 'Simulation'), el('p', { id: 'not-found', class: 'problem' }, 'Not found: no simulation ' + id + ' in your tenant.'));
        return;
      }
      throw problem;
    }
    if (job.status === 'FAILED' || (job.status === 'COMPLETED' && job.price)) break;
    document.getElementById('run-status').textContent = `Status: ${job.status}…`;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const r = job.result || {};
  const p = job.price || {};
  const chartNode = el('div', { class: 'chart', id: 'result-chart', role: 'img', 'aria-label': 'Cost per million output tokens' });
  root.replaceChildren(el('h1', {}, job.name),
    el('p', { id: 'run-status' }, 'Status: ', el('strong', { id: 'job-status' }, job.status), job.error ? ' — ' + job.error : ''),
    el('div', { class: 'cards' },
      el('div', { class: 'card' }, el('div', { class: 'muted' }, 'Decode step (lower bound)'), el('div', { class: 'value', id: 'decode-step' }, fmt((r.decodeStepSeconds || 0) * 1000, 3) + ' ms')),
      el('div', { class: 'card' }, el('div', { class: 'muted' }, 'Output tokens/s per sequence'), el('div', { class: 'value' }, fmt(r.outputTokensPerSecond, 1))),
      el('div', { class: 'card' }, el('div', { class: 'muted' }, `Cost per million output tokens (${p.currency || 'USD'})`), el('div', { class: 'value', id: 'cost' }, p.usdPerMillionOutputTokens === undefined ? '—' : '$' + fmt(p.usdPerMillionOutputTokens, 4))),
      el('div', { class: 'card' }, el('div', { class: 'muted' }, 'GPU-hour rate'), el('div', { class: 'value' }, p.usdPerGpuHour === undefined ? '—' : '$' + fmt(p.usdPerGpuHour) + ' (' + p.rateBasis + ')'))),
    el('p', { class: 'muted' }, `Model: ${r.method || '—'}; accelerator ${job.accelerator ? job.accelerator.name : ''}.`),
    chartNode);
  if (job.status === 'COMPLETED') {
    chart('result', chartNode, {
      animation: false,
      tooltip: {},
      xAxis: { type: 'category', data: ['cost per M output tokens (USD)'] },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: [Number(p.usdPerMillionOutputTokens)], label: { show: true, position: 'top' } }],
    });
  }
}

async function simulationsView() {
  const { body: jobs } = await api('/simulations');
  view().replaceChildren(el('h1', {}, 'Simulations'), el('table', { id: 'simulations' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Status'), el('th', {}, 'Created'))),
    el('tbody', {}, ...jobs.map(j => el('tr', {},
      el('td', {}, el('a', { href: '#/simulations/' + j.id }, j.name)), el('td', {}, j.status), el('td', {}, j.createdAt))))));
}

function glossaryView() {
  view().replaceChildren(el('h1', {}, 'Metric glossary'), el('dl', {},
    el('dt', {}, 'Decode step'), el('dd', {}, 'Time of one engine iteration that produces one token for every running sequence.'),
    el('dt', {}, 'Output tokens/s per sequence'), el('dd', {}, 'Interactivity: tokens one user sees per second (1 / decode step).'),
    el('dt', {}, 'Cost per million output tokens'), el('dd', {}, 'GPU-hour rate × accelerators ÷ output tokens per hour × 10⁶, for one replica at the simulated rate.')));
}

async function route() {
  const hash = window.location.hash || '#/catalog';
  try {
    const match = hash.match(/^#\/simulations\/([^/]+)$/);
    if (match) await simulationView(decodeURIComponent(match[1]));
    else if (hash === '#/simulate') await simulateView();
    else if (hash === '#/simulations') await simulationsView();
    else if (hash === '#/glossary') glossaryView();
    else await catalogView();
  } catch (problem) {
    view().replaceChildren(problemBox(problem));
  }
  view().focus();
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', route);
