// Tokenomics web app: a small hash-routed single page that talks to /app/api/** with the login session.
'use strict';

const api = async (path, options = {}) => {
  const { accept = 'application/json', raw = false, contentType = 'application/json', headers = {}, ...init } = options;
  const response = await fetch('/app/api' + path, {
    ...init,
    headers: { 'Accept': accept, ...(init.body ? { 'Content-Type': contentType } : {}), ...headers },
    credentials: 'same-origin',
    redirect: 'manual',
  });
  if (response.status === 499 || response.type === 'opaqueredirect' || response.status === 401) {
    window.location.assign('/app/');   // the session ended: log in again
    throw new Error('session expired');
  }
  const text = await response.text();
  if (!response.ok) {
    let problem = null;
    try { problem = text ? JSON.parse(text) : null; } catch (e) { problem = null; }
    problem = problem || { title: response.statusText || 'HTTP ' + response.status };
    problem.status = response.status;
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter !== null && retryAfter !== '') problem.retryAfterSeconds = Number(retryAfter);
    throw problem;
  }
  const body = raw ? text : (text ? JSON.parse(text) : null);
  return { status: response.status, body, location: response.headers.get('Location'), headers: response.headers };
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

// Each route renders into its own page element: a view still loading when the user navigates on writes into its
// detached page, never over the page now shown.
let currentPage = null;
const view = () => currentPage || document.getElementById('view');
const fmt = (n, digits = 2) => (n === null || n === undefined) ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });
const problemBox = (p) => el('div', { class: 'problem', role: 'alert', ...(p.status ? { 'data-status': String(p.status) } : {}) },
  `${p.title || p.message || 'Error'}${p.detail ? ': ' + p.detail : ''}`,
  p.retryAfterSeconds !== undefined && Number.isFinite(p.retryAfterSeconds)
    ? el('strong', { class: 'retry-after', 'data-seconds': String(p.retryAfterSeconds) }, ` Try again in ${p.retryAfterSeconds} s.`) : null);

// Charts are kept here so tests (and curious users in the console) can read what is drawn.
window.tokenomicsCharts = {};
const chart = (name, node, option) => {
  if (window.tokenomicsCharts[name] && !window.tokenomicsCharts[name].isDisposed()) window.tokenomicsCharts[name].dispose();
  const instance = echarts.init(node);
  instance.setOption(option);
  window.tokenomicsCharts[name] = instance;
  window.addEventListener('resize', () => { if (!instance.isDisposed()) instance.resize(); });
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

// ------------------------------------------------------------------------------------------------ pricing pages

/** Pricing sub-navigation; every page has its own URL. */
const pricingNav = (current) => el('nav', { class: 'subnav', 'aria-label': 'pricing' },
  ...[['#/pricing', 'Tier plan'], ['#/pricing/efficiency', 'Efficiency scores'], ['#/pricing/unit-economics', 'Unit economics'],
    ['#/pricing/generations', 'Hardware generations']]
    .map(([href, label]) => el('a', { href, ...(href === current ? { 'aria-current': 'page' } : {}) }, label)));

/** A labelled input whose validation message is shown under it; `path` is the API's field name (errors[].field). */
const apiField = (path, label, input, hint) => {
  input.setAttribute('data-field', path);
  input.setAttribute('aria-describedby', 'msg-' + path);
  return el('label', {}, label, input, hint ? el('span', { class: 'muted' }, hint) : null,
    el('span', { class: 'field-error', id: 'msg-' + path, 'data-error-for': path, 'aria-live': 'polite' }));
};
/** A bare input for a table cell (its column header is the label), with its message under it. */
const cellField = (path, label, input) => {
  input.setAttribute('data-field', path);
  input.setAttribute('aria-label', label);
  input.setAttribute('aria-describedby', 'msg-' + path);
  return el('td', {}, input, el('span', { class: 'field-error', id: 'msg-' + path, 'data-error-for': path }));
};
const numberInput = (name, value, attrs = {}) => el('input', { type: 'number', step: 'any', inputmode: 'decimal', name, value: value ?? '', ...attrs });
const num = (value) => (value === '' || value === null || value === undefined) ? null : Number(value);

function clearProblems(container) {
  container.querySelectorAll('[data-error-for]').forEach(n => { n.textContent = ''; });
  container.querySelectorAll('.invalid').forEach(n => { n.classList.remove('invalid'); n.removeAttribute('aria-invalid'); });
}

/**
 * Shows a problem+json's errors[] next to the inputs they name. A field is matched exactly, else by its longest named
 * parent ("configurations[0].frontier[2].tokensPerSecondPerMw" -> the frontier input); an object edited through its members
 * ("workload.arrival") goes to its first member's input; the rest stays in the box.
 */
const parentField = (path) => {
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent === path ? '' : parent;
};
function showProblem(container, statusNode, problem) {
  clearProblems(container);
  const targets = new Map([...container.querySelectorAll('[data-error-for]')].map(n => [n.getAttribute('data-error-for'), n]));
  const inputs = new Map([...container.querySelectorAll('[data-field]')].map(n => [n.getAttribute('data-field'), n]));
  let first = null;
  for (const e of problem.errors || []) {
    let path = e.field || '';
    // an object the form edits through its members ("workload.arrival", "speculation") -> its first member's input
    const child = targets.has(path) || !path ? null : [...targets.keys()].find(k => k.startsWith(path + '.'));
    if (child) path = child;
    while (path && !targets.has(path)) path = parentField(path);
    if (!path) continue;
    const message = e.field === path || child ? e.message : `${e.field.slice(path.length).replace(/^\./, '')}: ${e.message}`;
    const target = targets.get(path);
    const closed = target.closest('details');
    if (closed) closed.open = true;   // a message inside a collapsed section opens it
    target.textContent = target.textContent ? target.textContent + '; ' + message : message;
    const input = inputs.get(path);
    if (input) { input.classList.add('invalid'); input.setAttribute('aria-invalid', 'true'); first = first || input; }
  }
  statusNode.replaceChildren(problemBox(problem));
  if (first) first.focus();
}

const money = (n, digits = 0) => (n === null || n === undefined) ? '—' : '$' + fmt(n, digits);
const card = (label, value, id) => el('div', { class: 'card' }, el('div', { class: 'muted' }, label), el('div', { class: 'value', ...(id ? { id } : {}) }, value));

// ---- (a) tier plan: tiers x facility power x frontier -> allocation, revenue per MW, margin

/** An ILLUSTRATIVE frontier (tokens/s per user, tokens/s per MW of facility power), not a measured result. */
const ILLUSTRATIVE_FRONTIER = [[10, 240000], [20, 160000], [50, 70000], [100, 26000], [150, 12000], [400, 2000]];

async function tierPlanView() {
  const root = view();
  root.replaceChildren(pricingNav('#/pricing'), el('h1', {}, 'Tier plan'), el('p', { class: 'muted' }, 'Loading…'));
  const [{ body: tiers }, { body: regions }] = await Promise.all([api('/pricing/tier-plans/default-tiers'), api('/pricing/power-prices')]);
  const tbody = el('tbody');
  const addTier = (t = {}) => {
    const row = el('tr', { class: 'tier-row' });
    tbody.append(row);
    renumber();
    const i = [...tbody.children].indexOf(row);
    row.append(
      cellField(`tiers[${i}].name`, 'Tier name', el('input', { name: 'name', value: t.name ?? '' })),
      cellField(`tiers[${i}].usdPerMillionOutputTokens`, 'USD per million output tokens', numberInput('usdPerMillionOutputTokens', t.usdPerMillionOutputTokens, { min: '0' })),
      cellField(`tiers[${i}].minTokensPerSecondPerUser`, 'Minimum tokens/s per user', numberInput('minTokensPerSecondPerUser', t.minTokensPerSecondPerUser, { min: '0' })),
      cellField(`tiers[${i}].demandCapTokensPerSecond`, 'Demand cap, tokens/s (optional)', numberInput('demandCapTokensPerSecond', t.demandCapTokensPerSecond, { min: '0' })),
      cellField(`tiers[${i}].sharePercent`, 'Fixed-split share % (optional)', numberInput('sharePercent', t.sharePercent, { min: '0', max: '100' })),
      el('td', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': 'Remove tier ' + (t.name || i + 1),
        onclick: () => { row.remove(); renumber(); } }, 'Remove')));
  };
  // field paths follow the row's position, so messages land on the right row after removals
  const renumber = () => [...tbody.children].forEach((row, i) => row.querySelectorAll('[data-field]').forEach(input => {
    const path = input.getAttribute('data-field').replace(/^tiers\[\d+\]/, `tiers[${i}]`);
    input.setAttribute('data-field', path);
    input.setAttribute('aria-describedby', 'msg-' + path);
    const msg = input.nextElementSibling;
    msg.id = 'msg-' + path;
    msg.setAttribute('data-error-for', path);
  }));
  tiers.forEach(t => addTier(t));

  const region = el('select', { name: 'powerRegion' }, el('option', { value: '' }, 'custom price (below)'),
    ...regions.map(r => el('option', { value: r.region }, `${r.region}: $${r.usdPerKwh}/kWh (${r.basis})`)));
  if (regions.some(r => r.region === 'US')) region.value = 'US';
  const frontierText = ILLUSTRATIVE_FRONTIER.map(p => p.join(', ')).join('\n');
  const form = el('form', { id: 'tier-plan', novalidate: '', class: 'stack' },
    el('fieldset', {}, el('legend', {}, 'Facility'),
      el('div', { class: 'grid' },
        apiField('facilityMw', 'Facility power budget (MW, PUE included)', numberInput('facilityMw', 100, { min: '0', id: 'facility-mw' })),
        apiField('utilizationPercent', 'Utilization % (optional)', numberInput('utilizationPercent', '', { min: '0', max: '100' })),
        apiField('powerRegion', 'Power price region', region),
        apiField('usdPerKwh', 'Custom power price, USD/kWh', numberInput('usdPerKwh', '', { min: '0' }), 'used when no region is chosen'))),
    el('fieldset', {}, el('legend', {}, 'Tiers'),
      el('p', { class: 'notice', id: 'tiers-illustrative' }, 'Default tiers from the platform: prices Free, $3, $6, $45, $150 per million output tokens; ',
        el('strong', {}, 'the interactivity floors are illustrative defaults, not sourced figures'), ' — edit them for your market.'),
      el('div', { class: 'table-wrap' }, el('table', { id: 'tiers', class: 'editor' },
        el('thead', {}, el('tr', {}, ...['Tier', '$ / M output tokens', 'Min tok/s per user', 'Demand cap tok/s', 'Fixed share %', ''].map(h => el('th', { scope: 'col' }, h)))),
        tbody)),
      el('span', { class: 'field-error', 'data-error-for': 'tiers', id: 'msg-tiers' }),
      el('span', { class: 'field-error', 'data-error-for': 'tiers.sharePercent', id: 'msg-tiers.sharePercent' }),
      el('div', {}, el('button', { type: 'button', class: 'secondary', id: 'add-tier', onclick: () => addTier({}) }, 'Add tier'))),
    el('fieldset', {}, el('legend', {}, 'Configuration'),
      el('div', { class: 'grid' },
        apiField('configurations[0].name', 'Name', el('input', { name: 'configName', value: 'Illustrative configuration' })),
        apiField('configurations[0].capexUsdPerMw', 'Capex, USD per MW', numberInput('capexUsdPerMw', 12000000, { min: '0' }), 'illustrative'),
        apiField('configurations[0].opexUsdPerMwYear', 'Opex, USD per MW-year', numberInput('opexUsdPerMwYear', 500000, { min: '0' }), 'illustrative'),
        apiField('configurations[0].amortizationYears', 'Amortization, years', numberInput('amortizationYears', 5, { min: '1', max: '30', step: '1' })),
        apiField('configurations[0].costOfCapitalPercent', 'Cost of capital %', numberInput('costOfCapitalPercent', 8, { min: '0', max: '100' }))),
      apiField('configurations[0].frontier', 'Frontier: one point per line, "tokens/s per user, tokens/s per MW"',
        el('textarea', { name: 'frontier', rows: '7', id: 'frontier', spellcheck: 'false' }, frontierText),
        'Prefilled with an ILLUSTRATIVE example frontier, not a measured result: paste the Pareto frontier of your simulation.')),
    el('div', {}, el('button', { type: 'submit', id: 'run-tier-plan' }, 'Allocate power')));
  const status = el('div', { id: 'tier-plan-status' });
  const results = el('section', { id: 'tier-plan-results', 'aria-label': 'Allocation' });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    status.replaceChildren();
    const data = new FormData(form);
    const frontier = [];
    const lines = String(data.get('frontier')).split('\n').map(l => l.trim()).filter(Boolean);
    for (const [i, line] of lines.entries()) {
      const parts = line.split(/[,;\s]+/).filter(Boolean).map(Number);
      if (parts.length !== 2 || parts.some(n => !Number.isFinite(n))) {
        showProblem(form, status, { title: 'Invalid frontier', detail: `line ${i + 1} is not two numbers`,
          errors: [{ field: 'configurations[0].frontier', message: `line ${i + 1} ("${line}") must be "tokens/s per user, tokens/s per MW"` }] });
        return;
      }
      frontier.push({ tokensPerSecondPerUser: parts[0], tokensPerSecondPerMw: parts[1] });
    }
    const request = {
      facilityMw: num(data.get('facilityMw')),
      utilizationPercent: num(data.get('utilizationPercent')),
      ...(data.get('powerRegion') ? { powerRegion: data.get('powerRegion') } : { usdPerKwh: num(data.get('usdPerKwh')) }),
      tiers: [...tbody.children].map(row => {
        const v = (name) => row.querySelector(`[name="${name}"]`).value;
        return { name: v('name'), usdPerMillionOutputTokens: num(v('usdPerMillionOutputTokens')),
          minTokensPerSecondPerUser: num(v('minTokensPerSecondPerUser')),
          demandCapTokensPerSecond: num(v('demandCapTokensPerSecond')), sharePercent: num(v('sharePercent')) };
      }),
      configurations: [{ name: data.get('configName'), frontier, capexUsdPerMw: num(data.get('capexUsdPerMw')),
        opexUsdPerMwYear: num(data.get('opexUsdPerMwYear')), amortizationYears: num(data.get('amortizationYears')),
        costOfCapitalPercent: num(data.get('costOfCapitalPercent')) }],
    };
    try {
      const { body } = await api('/pricing/tier-plans', { method: 'POST', body: JSON.stringify(request) });
      renderTierPlan(results, body);
    } catch (problem) {
      showProblem(form, status, problem);
    }
  });
  root.replaceChildren(pricingNav('#/pricing'), el('h1', {}, 'Tier plan'),
    el('p', { class: 'muted' }, 'Split a facility\'s power across price tiers: a fixed split and the revenue-maximizing allocation under demand caps, side by side.'),
    form, status, results);
}

function renderTierPlan(results, plan) {
  const config = plan.configurations[0];
  const methods = [['revenueMaximizing', 'revenue-maximizing'], ['fixedSplit', 'fixed split']];
  const names = plan.tiers.map(t => t.name);
  const byTier = (allocation, field) => names.map(n => Number((allocation.tiers.find(t => t.name === n) || {})[field] || 0));
  const cards = methods.map(([key, label]) => {
    const a = config[key];
    return el('div', { class: 'card wide', id: 'summary-' + key },
      el('h3', {}, label),
      el('dl', { class: 'figures' },
        el('dt', {}, 'Revenue per year'), el('dd', {}, money(a.revenuePerYear)),
        el('dt', {}, 'Revenue per MW-year'), el('dd', { 'data-figure': 'revenuePerMwYear' }, money(a.revenuePerMwYear)),
        el('dt', {}, 'Total cost per year'), el('dd', {}, money(a.totalCostPerYear)),
        el('dt', {}, 'Gross margin'), el('dd', { 'data-figure': 'grossMarginPercent' }, a.grossMarginPercent === null ? '—' : fmt(a.grossMarginPercent, 1) + ' %'),
        el('dt', {}, 'Power used / idle'), el('dd', {}, `${fmt(a.usedMw, 2)} / ${fmt(a.idleMw, 2)} MW`),
        el('dt', {}, 'Payback'), el('dd', {}, a.paybackYears === null ? '—' : fmt(a.paybackYears, 1) + ' years')));
  });
  const rows = methods.flatMap(([key, label]) => config[key].tiers.map(t => el('tr', {},
    el('td', {}, label), el('td', {}, t.name), el('td', { class: 'num' }, money(t.usdPerMillionOutputTokens, 2)),
    el('td', {}, t.reachable ? 'yes' : 'no'),
    el('td', { class: 'num' }, t.operatingPoint ? fmt(t.operatingPoint.tokensPerSecondPerUser, 0) : '—'),
    el('td', { class: 'num' }, fmt(t.allocatedMw, 2)), el('td', { class: 'num' }, fmt(t.tokensPerSecond, 0) + (t.capped ? ' (capped)' : '')),
    el('td', { class: 'num' }, money(t.revenuePerYear)))));
  const allocationNode = el('div', { class: 'chart', id: 'tier-plan-chart', role: 'img', 'aria-label': 'Power and revenue per tier' });
  const economicsNode = el('div', { class: 'chart short', id: 'tier-plan-economics-chart', role: 'img', 'aria-label': 'Revenue per MW and margin per allocation method' });
  results.replaceChildren(
    el('h2', {}, `Allocation: ${config.name}`),
    el('div', { class: 'cards' }, ...cards),
    allocationNode, economicsNode,
    el('div', { class: 'table-wrap' }, el('table', { id: 'tier-allocation' },
      el('thead', {}, el('tr', {}, ...['Method', 'Tier', '$ / M out', 'Reachable', 'Operating tok/s/user', 'MW', 'Tokens/s', 'Revenue / year'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows))));
  const revenueMillions = (key) => byTier(config[key], 'revenuePerYear').map(v => Math.round(v / 1e4) / 100);
  chart('tierPlan', allocationNode, {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 70, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: names },
    yAxis: [{ type: 'value', name: 'MW' }, { type: 'value', name: 'USD M / year' }],
    series: [
      { name: 'power MW (revenue-maximizing)', type: 'bar', data: byTier(config.revenueMaximizing, 'allocatedMw') },
      { name: 'power MW (fixed split)', type: 'bar', data: byTier(config.fixedSplit, 'allocatedMw') },
      { name: 'revenue $M/yr (revenue-maximizing)', type: 'line', yAxisIndex: 1, data: revenueMillions('revenueMaximizing') },
      { name: 'revenue $M/yr (fixed split)', type: 'line', yAxisIndex: 1, data: revenueMillions('fixedSplit') },
    ],
  });
  chart('tierPlanEconomics', economicsNode, {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 70, right: 60, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: methods.map(m => m[1]) },
    yAxis: [{ type: 'value', name: 'USD M per MW-year' }, { type: 'value', name: 'margin %' }],
    series: [
      { name: 'revenue per MW-year ($M)', type: 'bar', data: methods.map(([k]) => Math.round(Number(config[k].revenuePerMwYear) / 1e4) / 100) },
      { name: 'gross margin %', type: 'line', yAxisIndex: 1, data: methods.map(([k]) => config[k].grossMarginPercent === null ? null : Number(config[k].grossMarginPercent)) },
    ],
  });
}

// ---- (b) efficiency scores: quality per USD per million tokens, from the catalog's API models

async function efficiencyView() {
  const root = view();
  root.replaceChildren(pricingNav('#/pricing/efficiency'), el('h1', {}, 'Efficiency scores'), el('p', { class: 'muted' }, 'Loading the catalog…'));
  const models = (await catalogList('models')).filter(m => m.mmlu !== null && m.mmlu !== undefined
    && m.priceUsdPerMillionTokens !== null && m.priceUsdPerMillionTokens !== undefined);
  const apiOnly = models.filter(m => m.availability === 'API_ONLY');
  const tbody = el('tbody');
  const fill = (list) => tbody.replaceChildren(...list.map((m, i) => el('tr', { 'data-id': m.id },
    el('td', {}, m.name, ' ', el('span', { class: 'badge' + (m.visibility === 'tenant' || m.overridden ? ' tenant' : '') }, m.overridden ? 'overridden' : m.visibility)),
    cellField(`models[${i}].quality`, 'MMLU of ' + m.name, numberInput('quality', m.mmlu, { min: '0' })),
    cellField(`models[${i}].usdPerMillionInputTokens`, 'Input price of ' + m.name, numberInput('usdPerMillionInputTokens', m.priceUsdPerMillionTokens, { min: '0' })),
    cellField(`models[${i}].usdPerMillionOutputTokens`, 'Output price of ' + m.name, numberInput('usdPerMillionOutputTokens', '', { min: '0' })),
    el('td', { class: 'muted' }, [m.mmluSource, m.priceSource].filter(Boolean).join('; ')))));
  let shown = apiOnly;
  fill(shown);
  const withOpen = el('input', { type: 'checkbox', name: 'includeOpen', id: 'include-open' });
  withOpen.addEventListener('change', () => { shown = withOpen.checked ? models : apiOnly; fill(shown); });
  const form = el('form', { id: 'efficiency', novalidate: '', class: 'stack' },
    el('p', { class: 'muted' }, 'Quality (MMLU) and the API price per million tokens as the catalog cites them. Seed 002\'s score divides by the input price (weight 100 %); give output prices to blend them in.'),
    el('div', { class: 'grid' },
      apiField('inputWeightPercent', 'Weight of the input price in the blend, %', numberInput('inputWeightPercent', 100, { min: '0', max: '100' })),
      el('label', { class: 'inline' }, withOpen, 'Also models with open weights that have an API price')),
    el('div', { class: 'table-wrap' }, el('table', { id: 'efficiency-inputs', class: 'editor' },
      el('thead', {}, el('tr', {}, ...['Model', 'MMLU', '$ / M input', '$ / M output', 'Sources'].map(h => el('th', { scope: 'col' }, h)))), tbody)),
    el('span', { class: 'field-error', 'data-error-for': 'models', id: 'msg-models' }),
    el('div', {}, el('button', { type: 'submit', id: 'run-efficiency' }, 'Score')));
  const status = el('div', { id: 'efficiency-status' });
  const results = el('section', { id: 'efficiency-results', 'aria-label': 'Scores' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    status.replaceChildren();
    const request = { inputWeightPercent: num(new FormData(form).get('inputWeightPercent')),
      models: [...tbody.children].map((row, i) => {
        const v = (name) => row.querySelector(`[name="${name}"]`).value;
        const m = shown[i];
        return { name: m.name, quality: num(v('quality')), usdPerMillionInputTokens: num(v('usdPerMillionInputTokens')),
          usdPerMillionOutputTokens: num(v('usdPerMillionOutputTokens')), source: [m.mmluSource, m.priceSource].filter(Boolean).join('; ').slice(0, 2000) || null };
      }) };
    try {
      const { body: rows } = await api('/pricing/efficiency-scores', { method: 'POST', body: JSON.stringify(request) });
      rows.sort((a, b) => a.rank - b.rank);
      const chartNode = el('div', { class: 'chart', id: 'efficiency-chart', role: 'img', 'aria-label': 'Efficiency score per model' });
      results.replaceChildren(el('h2', {}, 'Scores (quality points per USD per million tokens)'),
        el('div', { class: 'table-wrap' }, el('table', { id: 'efficiency-table' },
          el('thead', {}, el('tr', {}, ...['Rank', 'Model', 'Quality', 'Blended $ / M', 'Score'].map(h => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, ...rows.map(r => el('tr', {}, el('td', { class: 'num' }, r.rank), el('td', {}, r.name),
            el('td', { class: 'num' }, fmt(r.quality, 1)), el('td', { class: 'num' }, money(r.blendedUsdPerMillionTokens, 2)),
            el('td', { class: 'num' }, fmt(r.score, 1))))))),
        chartNode);
      chart('efficiency', chartNode, {
        animation: false, tooltip: {}, grid: { left: 140, right: 30, top: 20, bottom: 40 },
        xAxis: { type: 'value', name: 'score' },
        yAxis: { type: 'category', inverse: true, data: rows.map(r => r.name) },
        series: [{ type: 'bar', name: 'score', data: rows.map(r => Number(r.score)), label: { show: true, position: 'right' } }],
      });
    } catch (problem) {
      showProblem(form, status, problem);
    }
  });
  root.replaceChildren(pricingNav('#/pricing/efficiency'), el('h1', {}, 'Efficiency scores'), form, status, results);
}

// ---- (c) unit economics: segments -> cost to serve, margin, LTV vs cost to serve + CAC

const ILLUSTRATIVE_SEGMENTS = [
  { name: 'Free with ads', users: 90000, requestsPerMonth: 40, inputTokensPerRequest: 1500, outputTokensPerRequest: 400,
    plan: { type: 'FREE_WITH_ADS', adsUsdPerUserMonth: 0.3 }, churnPercentPerMonth: 12, cacUsd: 2 },
  { name: 'Pro subscription', users: 9000, requestsPerMonth: 600, inputTokensPerRequest: 3000, outputTokensPerRequest: 800,
    plan: { type: 'SUBSCRIPTION', usdPerMonth: 20, includedTokensPerMonth: 2000000, overageUsdPerMillionTokens: 8 }, churnPercentPerMonth: 5, cacUsd: 60 },
  { name: 'API per token', users: 1000, requestsPerMonth: 20000, inputTokensPerRequest: 4000, outputTokensPerRequest: 600,
    plan: { type: 'PER_TOKEN', usdPerMillionInputTokens: 1, usdPerMillionOutputTokens: 4 }, churnPercentPerMonth: 3, cacUsd: 400 },
];
const PLAN_FIELDS = [['usdPerMillionInputTokens', '$ / M input'], ['usdPerMillionOutputTokens', '$ / M output'], ['usdPerMonth', '$ / month'],
  ['includedTokensPerMonth', 'Included tokens / month'], ['overageUsdPerMillionTokens', 'Overage $ / M'], ['adsUsdPerUserMonth', 'Ads $ / user-month']];

async function unitEconomicsView() {
  const root = view();
  const tbody = el('tbody');
  const addSegment = (s = { plan: { type: 'PER_TOKEN' } }) => {
    const i = tbody.children.length;
    const p = `segments[${i}]`;
    const type = el('select', { name: 'type' }, ...['PER_TOKEN', 'SUBSCRIPTION', 'FREE_WITH_ADS'].map(t => el('option', { value: t, ...(t === s.plan.type ? { selected: '' } : {}) }, t)));
    tbody.append(el('tr', { class: 'segment-row' },
      cellField(`${p}.name`, 'Segment name', el('input', { name: 'name', value: s.name ?? '' })),
      cellField(`${p}.users`, 'Users', numberInput('users', s.users, { min: '0' })),
      cellField(`${p}.requestsPerMonth`, 'Requests per user-month', numberInput('requestsPerMonth', s.requestsPerMonth, { min: '0' })),
      cellField(`${p}.inputTokensPerRequest`, 'Input tokens per request', numberInput('inputTokensPerRequest', s.inputTokensPerRequest, { min: '0' })),
      cellField(`${p}.outputTokensPerRequest`, 'Output tokens per request', numberInput('outputTokensPerRequest', s.outputTokensPerRequest, { min: '0' })),
      cellField(`${p}.plan.type`, 'Price plan', type),
      ...PLAN_FIELDS.map(([f, label]) => cellField(`${p}.plan.${f}`, label, numberInput(f, s.plan[f], { min: '0' }))),
      cellField(`${p}.churnPercentPerMonth`, 'Churn % per month', numberInput('churnPercentPerMonth', s.churnPercentPerMonth, { min: '0', max: '100' })),
      cellField(`${p}.cacUsd`, 'CAC, USD', numberInput('cacUsd', s.cacUsd, { min: '0' }))));
  };
  ILLUSTRATIVE_SEGMENTS.forEach(addSegment);
  const form = el('form', { id: 'unit-economics', novalidate: '', class: 'stack' },
    el('fieldset', {}, el('legend', {}, 'Cost to serve'),
      el('div', { class: 'grid' },
        apiField('cost.usdPerMillionInputTokens', 'USD per million input tokens', numberInput('costIn', 0.4, { min: '0' })),
        apiField('cost.usdPerMillionOutputTokens', 'USD per million output tokens', numberInput('costOut', 1.6, { min: '0' })),
        apiField('fixedCostUsdPerMonth', 'Fixed cost, USD per month (optional)', numberInput('fixedCostUsdPerMonth', 250000, { min: '0' })),
        apiField('growthUserCounts', 'Growth curve: total users (comma-separated)', el('input', { name: 'growthUserCounts', value: '10000, 100000, 1000000' }))),
      el('p', { class: 'muted' }, 'Take the cost from a quote of your simulation. The prefilled costs and segments are an illustrative example, not data.')),
    el('fieldset', {}, el('legend', {}, 'Segments'),
      el('div', { class: 'table-wrap' }, el('table', { id: 'segments', class: 'editor' },
        el('thead', {}, el('tr', {}, ...['Segment', 'Users', 'Requests / user-month', 'Input tok / request', 'Output tok / request', 'Plan',
          ...PLAN_FIELDS.map(f => f[1]), 'Churn % / month', 'CAC $'].map(h => el('th', { scope: 'col' }, h)))), tbody)),
      el('span', { class: 'field-error', 'data-error-for': 'segments', id: 'msg-segments' }),
      el('span', { class: 'field-error', 'data-error-for': 'segments.users', id: 'msg-segments.users' }),
      el('div', {}, el('button', { type: 'button', class: 'secondary', id: 'add-segment', onclick: () => addSegment() }, 'Add segment'))),
    el('div', {}, el('button', { type: 'submit', id: 'run-unit-economics' }, 'Compute')));
  const status = el('div', { id: 'unit-economics-status' });
  const results = el('section', { id: 'unit-economics-results', 'aria-label': 'Unit economics' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    status.replaceChildren();
    const data = new FormData(form);
    const growth = String(data.get('growthUserCounts') || '').split(/[,;\s]+/).filter(Boolean).map(Number);
    const segments = [...tbody.children].map(row => {
      const v = (name) => row.querySelector(`[name="${name}"]`).value;
      return { name: v('name'), users: num(v('users')), requestsPerMonth: num(v('requestsPerMonth')),
        inputTokensPerRequest: num(v('inputTokensPerRequest')), outputTokensPerRequest: num(v('outputTokensPerRequest')),
        plan: Object.fromEntries([['type', v('type')], ...PLAN_FIELDS.map(([f]) => [f, num(v(f))])]),
        churnPercentPerMonth: num(v('churnPercentPerMonth')), cacUsd: num(v('cacUsd')) };
    });
    const request = { cost: { usdPerMillionInputTokens: num(data.get('costIn')), usdPerMillionOutputTokens: num(data.get('costOut')) },
      segments, growthUserCounts: growth.length ? growth : null, fixedCostUsdPerMonth: num(data.get('fixedCostUsdPerMonth')) };
    try {
      const { body } = await api('/pricing/unit-economics', { method: 'POST', body: JSON.stringify(request) });
      renderUnitEconomics(results, body, segments);
    } catch (problem) {
      showProblem(form, status, problem);
    }
  });
  root.replaceChildren(pricingNav('#/pricing/unit-economics'), el('h1', {}, 'Unit economics'),
    el('p', { class: 'muted' }, 'Per segment: what a user pays, what serving them costs, the lifetime value at their churn, and the acquisition cost it must repay.'),
    form, status, results);
}

function renderUnitEconomics(results, result, segments) {
  const churn = Object.fromEntries(segments.map(s => [s.name, Number(s.churnPercentPerMonth) / 100]));
  const lifetime = (s, perMonth) => Math.round(Number(perMonth) / churn[s.name] * 100) / 100;
  const names = result.segments.map(s => s.name);
  const chartNode = el('div', { class: 'chart', id: 'unit-economics-chart', role: 'img', 'aria-label': 'Lifetime value against cost to serve and CAC per segment' });
  const growthNode = result.growth && result.growth.length
    ? el('div', { class: 'chart short', id: 'unit-economics-growth-chart', role: 'img', 'aria-label': 'Margin as the user base grows' }) : null;
  results.replaceChildren(el('h2', {}, 'Per segment'),
    el('div', { class: 'table-wrap' }, el('table', { id: 'unit-economics-table' },
      el('thead', {}, el('tr', {}, ...['Segment', 'Revenue / user-month', 'Cost to serve / user-month', 'Margin / user-month', 'Margin %', 'LTV', 'LTV / CAC', 'CAC payback (months)'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...result.segments.map(s => el('tr', {}, el('td', {}, s.name),
        el('td', { class: 'num' }, money(s.revenuePerUserMonth, 2)), el('td', { class: 'num' }, money(s.costToServePerUserMonth, 2)),
        el('td', { class: 'num' }, money(s.marginPerUserMonth, 2)), el('td', { class: 'num' }, s.marginPercent === null ? '—' : fmt(s.marginPercent, 1) + ' %'),
        el('td', { class: 'num' }, money(s.ltvUsd, 2)), el('td', { class: 'num' }, s.ltvToCac === null ? '—' : fmt(s.ltvToCac, 2)),
        el('td', { class: 'num' }, s.cacPaybackMonths === null ? '—' : fmt(s.cacPaybackMonths, 1))))))),
    el('p', { class: 'muted' }, 'Chart: lifetime = per user-month ÷ monthly churn. A segment pays back when its lifetime revenue bar is taller than its stacked lifetime cost to serve + CAC; LTV is the lifetime margin.'),
    chartNode, growthNode);
  chart('unitEconomics', chartNode, {
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 70, right: 20, top: 60, bottom: 40 },
    xAxis: { type: 'category', data: names }, yAxis: { type: 'value', name: 'USD per user' },
    series: [
      { name: 'lifetime revenue', type: 'bar', stack: 'revenue', data: result.segments.map(s => lifetime(s, s.revenuePerUserMonth)) },
      { name: 'lifetime cost to serve', type: 'bar', stack: 'cost', data: result.segments.map(s => lifetime(s, s.costToServePerUserMonth)) },
      { name: 'CAC', type: 'bar', stack: 'cost', data: result.segments.map(s => Number(segments.find(x => x.name === s.name).cacUsd)) },
      { name: 'LTV (lifetime margin)', type: 'bar', data: result.segments.map(s => Number(s.ltvUsd)) },
    ],
  });
  if (growthNode) {
    chart('unitEconomicsGrowth', growthNode, {
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 80, right: 60, top: 50, bottom: 40 },
      xAxis: { type: 'category', name: 'users', data: result.growth.map(g => fmt(g.users, 0)) },
      yAxis: [{ type: 'value', name: 'USD / month' }, { type: 'value', name: 'loss per $ revenue' }],
      series: [
        { name: 'margin per month', type: 'bar', data: result.growth.map(g => Number(g.marginPerMonth)) },
        { name: 'loss per revenue dollar', type: 'line', yAxisIndex: 1, data: result.growth.map(g => g.lossPerRevenueDollar === null ? null : Number(g.lossPerRevenueDollar)) },
      ],
    });
  }
}

async function route() {
  const hash = window.location.hash || '#/catalog';
  const focusAtStart = document.activeElement;
  closeStreams();
  const page = el('div', { class: 'page' });
  document.getElementById('view').replaceChildren(page);
  currentPage = page;
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  try {
    let match;
    if (await catalogRoute(path, params)) { /* catalog.js: catalog pages and #/pricing/generations */ }
    else if ((match = path.match(/^#\/simulations\/([^/]+)$/))) await simulationView(decodeURIComponent(match[1]), params);
    else if ((match = path.match(/^#\/sweeps\/([^/]+)$/)) && match[1] !== 'new') await sweepView(decodeURIComponent(match[1]));
    else if (path === '#/simulate') await simulateView(params);
    else if (path === '#/simulations') await simulationsView();
    else if (path === '#/sweeps/new') await newSweepView();
    else if (path === '#/sweeps') await sweepsView();
    else if (path === '#/compare') await compareView(params);
    else if (path === '#/glossary') glossaryView();
    else if (path === '#/pricing' || path === '#/pricing/tiers') await tierPlanView();
    else if (path === '#/pricing/efficiency') await efficiencyView();
    else if (path === '#/pricing/unit-economics') await unitEconomicsView();
    else await catalogView();
  } catch (problem) {
    page.replaceChildren(problemBox(problem));
  }
  // move focus to the new content for keyboard and screen-reader users, unless the user moved it while the page loaded
  if (currentPage === page && document.activeElement === focusAtStart) document.getElementById('view').focus();
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', route);
