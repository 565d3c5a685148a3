// Tokenomics web app: scenario builder, live run view, results, sweeps with their Pareto chart, compare and export.
// Loaded after app.js (shares its helpers: api, el, fmt, chart, apiField, showProblem, problemBox, card, money, num).
'use strict';

// ------------------------------------------------------------------------------------------------ event streams

/** Open EventSources of the page shown; closed when the user navigates on. */
const openStreams = new Set();
function closeStreams() {
  openStreams.forEach(s => s.close());
  openStreams.clear();
}
/** What every stream of this page load received, by job id, so tests (and the curious) can see it was live. */
window.tokenomicsStreams = {};

/**
 * Follows a job's Server-Sent Events (through the gateway, with the login session) until a terminal event. Calls
 * onProgress for each 'progress' event and onEnd once with the terminal event's name and data; falls back to polling
 * with `poll` when the stream cannot be opened.
 */
function follow(path, id, onProgress, onEnd, poll) {
  const received = window.tokenomicsStreams[id] = window.tokenomicsStreams[id] || [];
  const source = new EventSource('/app/api' + path);
  openStreams.add(source);
  let ended = false;
  const end = (event, data) => {
    if (ended) return;
    ended = true;
    source.close();
    openStreams.delete(source);
    onEnd(event, data);
  };
  source.addEventListener('progress', e => { const data = JSON.parse(e.data); received.push({ event: 'progress', data }); onProgress(data); });
  for (const name of ['completed', 'failed', 'cancelled', 'deleted']) {
    source.addEventListener(name, e => { const data = JSON.parse(e.data); received.push({ event: name, data }); end(name, data); });
  }
  source.onerror = () => {
    if (ended) return;
    // the stream broke before a terminal event (or never opened): poll the job instead of reconnecting blindly
    source.close();
    openStreams.delete(source);
    const tick = async () => {
      if (ended || !document.body.contains(currentPage)) return;
      try {
        const state = await poll();
        if (['QUEUED', 'RUNNING'].includes(state.status)) { onProgress(state); setTimeout(tick, 1000); }
        else end(state.status.toLowerCase(), state);
      } catch (problem) { end('failed', { status: 'FAILED', error: problem.detail || problem.title }); }
    };
    setTimeout(tick, 1000);
  };
  return source;
}

// ------------------------------------------------------------------------------------------------ scenario model

const QUANTIZATIONS = ['BF16', 'FP16', 'FP8', 'INT8', 'FP4', 'NVFP4', 'INT4'];

/**
 * The scenario form's numbers: API path, label, the server's constraints (SimulationRequest's Bean Validation, same
 * messages), default value, hint.
 */
const SCENARIO_NUMBERS = [
  ['parallelism.tensor', 'Tensor parallel (TP)', { integer: true, min: 1, max: 1024 }, 1, 'GPUs sharing each layer'],
  ['parallelism.pipeline', 'Pipeline parallel (PP)', { integer: true, min: 1, max: 1024 }, 1, 'stages of layers'],
  ['parallelism.expert', 'Expert parallel (EP)', { integer: true, min: 1, max: 1024 }, 1, 'must divide TP'],
  ['replicas', 'Replicas', { integer: true, min: 1, max: 100000 }, 1, 'copies of the model serving the load'],
  ['batch.maxBatchSequences', 'Max sequences per batch', { integer: true, min: 1, max: 4096 }, 256],
  ['batch.maxBatchTokens', 'Max tokens per batch', { integer: true, min: 1, max: 1048576 }, 8192],
  ['batch.kvCacheMemoryFraction', 'KV-cache share of free memory', { min: 0.05, max: 1, maxText: '1.0' }, 0.9, '0.05 to 1'],
  ['workload.arrivalRate', 'Arrival rate (requests/s)', { required: true, minExclusive: 0, max: 1000000 }, 2, 'Poisson, over all replicas'],
  ['workload.inputTokens', 'Input tokens per request (ISL)', { required: true, integer: true, min: 1, max: 1048576 }, 1024],
  ['workload.outputTokens', 'Output tokens per request (OSL)', { required: true, integer: true, min: 1, max: 1048576 }, 256],
  ['slo.ttftSeconds', 'SLO: time to first token (s)', { minExclusive: 0, max: 3600 }, 2, 'optional'],
  ['slo.tpotSeconds', 'SLO: time per output token (s)', { minExclusive: 0, max: 3600 }, 0.05, 'optional'],
  ['requestCount', 'Requests to simulate', { integer: true, min: 1, max: 1000000000000 }, 1000, 'your plan caps it'],
  ['seed', 'Random seed', { integer: true }, 1, 'same seed, same result'],
];

/** The server's message for a number against its constraints, or null when it passes. */
function numberProblem(text, rule) {
  if (text === '' || text === null || text === undefined) return rule.required ? 'must not be null' : null;
  const n = Number(text);
  if (!Number.isFinite(n)) return 'must be a number';
  if (rule.integer && !Number.isInteger(n)) return 'must be a whole number';
  if (rule.min !== undefined && n < rule.min) return `must be greater than or equal to ${rule.min}`;
  if (rule.minExclusive !== undefined && n <= rule.minExclusive) return `must be greater than ${rule.minExclusive}`;
  if (rule.max !== undefined && n > rule.max) return `must be less than or equal to ${rule.maxText || rule.max}`;
  return null;
}

const setPath = (target, path, value) => {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach(k => { node = node[k] = node[k] || {}; });
  node[keys[keys.length - 1]] = value;
};
const getPath = (source, path) => path.split('.').reduce((node, k) => (node === null || node === undefined) ? undefined : node[k], source);

/**
 * The scenario builder's inputs, their API field paths prefixed with `prefix` ('' for a simulation, 'scenario.' for
 * a sweep's base), prefilled from `initial` (a scenario as the API returns it) or the defaults.
 */
function scenarioFieldsets(prefix, models, accelerators, initial = {}) {
  const f = (path) => prefix + path;
  const select = (name, options, chosen) => el('select', { name },
    ...options.map(([value, label]) => el('option', { value, ...(value === chosen ? { selected: '' } : {}) }, label)));
  const defaultModel = initial.modelId || (models.find(m => m.id === 'llama-3.1-8b') || models[0] || {}).id;
  const defaultAccelerator = initial.acceleratorId || (accelerators.find(a => a.id === 'H100') || accelerators[0] || {}).id;
  const numberField = ([path, label, rule, fallback, hint]) => {
    const value = getPath(initial, path);
    const input = numberInput(f(path), value === undefined || value === null ? fallback : value, {
      ...(rule.min !== undefined ? { min: String(rule.min) } : {}), ...(rule.max !== undefined ? { max: String(rule.max) } : {}),
      ...(rule.integer ? { step: '1', inputmode: 'numeric' } : {}), ...(rule.required ? { required: '' } : {}) });
    return apiField(f(path), label, input, hint);
  };
  const group = (legend, paths) => el('fieldset', {}, el('legend', {}, legend),
    el('div', { class: 'grid' }, ...paths.map(p => numberField(SCENARIO_NUMBERS.find(n => n[0] === p)))));
  return [
    el('fieldset', {}, el('legend', {}, 'Model and hardware'), el('div', { class: 'grid' },
      apiField(f('modelId'), 'Model', select(f('modelId'), models.map(m => [m.id, `${m.name || m.id}${m.visibility === 'tenant' ? ' (private)' : ''}`]), defaultModel)),
      apiField(f('acceleratorId'), 'Accelerator', select(f('acceleratorId'), accelerators.map(a => [a.id, `${a.id} — ${a.name}`]), defaultAccelerator)),
      apiField(f('quantization'), 'Quantization', select(f('quantization'), QUANTIZATIONS.map(q => [q, q]), initial.quantization || 'FP8')))),
    group('Parallelism and replicas', ['parallelism.tensor', 'parallelism.pipeline', 'parallelism.expert', 'replicas']),
    group('Batching (scheduler limits)', ['batch.maxBatchSequences', 'batch.maxBatchTokens', 'batch.kvCacheMemoryFraction']),
    group('Workload', ['workload.arrivalRate', 'workload.inputTokens', 'workload.outputTokens', 'requestCount', 'seed']),
    group('Service-level objectives', ['slo.ttftSeconds', 'slo.tpotSeconds']),
  ];
}

/** Reads the scenario inputs (prefix as above) into the API's shape and checks them as the server would. */
function readScenario(form, prefix) {
  const value = (path) => form.querySelector(`[name="${prefix + path}"]`).value;
  const scenario = { modelId: value('modelId'), acceleratorId: value('acceleratorId'), quantization: value('quantization') };
  const errors = [];
  for (const [path, , rule] of SCENARIO_NUMBERS) {
    const text = value(path).trim();
    const message = numberProblem(text, rule);
    if (message) errors.push({ field: prefix + path, message });
    else if (text !== '') setPath(scenario, path, Number(text));
  }
  const tensor = getPath(scenario, 'parallelism.tensor') || 1;
  const expert = getPath(scenario, 'parallelism.expert') || 1;
  if (!errors.some(e => e.field.startsWith(prefix + 'parallelism.')) && tensor % expert !== 0) {
    errors.push({ field: prefix + 'parallelism.expert', message: `the expert parallel degree must divide the tensor degree (${tensor})` });
  }
  return { scenario, errors };
}

// ------------------------------------------------------------------------------------------------ advanced engine settings

/**
 * Engine settings of the discrete-event engine (SimulationRequest's scheduler, routing, arrival, lengths, closed loop,
 * duration, speculation, disaggregation, trace): every input is empty by default and only what the user sets is sent,
 * so the simple form's request body is unchanged. Numbers carry the server's constraints and messages.
 */
const ADVANCED_NUMBERS = {
  'workload.arrival.cv': ['Coefficient of variation', { minExclusive: 0, max: 100 }, 'gamma only; 1 = Poisson'],
  'workload.users': ['Closed loop: users', { integer: true, min: 1, max: 1000000 }, 'instead of the arrival rate'],
  'workload.thinkSeconds': ['Mean think time (s)', { min: 0, max: 86400 }, 'only with users'],
  'durationSeconds': ['Duration (s)', { minExclusive: 0, max: 31536000 }, 'instead of the request count'],
  'disaggregation.prefillReplicas': ['Prefill replicas', { integer: true, min: 1, max: 100000 }],
  'disaggregation.decodeReplicas': ['Decode replicas', { integer: true, min: 1, max: 100000 }, 'replicas = prefill + decode'],
  'disaggregation.linkGBps': ['KV link GB/s per GPU', { minExclusive: 0, max: 100000 }, 'default 50'],
};
const LENGTH_PARAMS = {
  tokens: ['Tokens', { integer: true, min: 1, max: 1048576 }], min: ['Min', { integer: true, min: 1, max: 1048576 }],
  max: ['Max', { integer: true, min: 1, max: 1048576 }], mean: ['Mean', { minExclusive: 0, max: 1048576 }],
  stddev: ['Std. deviation', { min: 0, max: 1048576 }], median: ['Median', { minExclusive: 0, max: 1048576 }],
  sigma: ['Sigma (log space)', { min: 0, max: 10 }],
};
/** Parameters each distribution needs, and the optional clipping bounds it takes. */
const LENGTH_REQUIRED = { fixed: ['tokens'], uniform: ['min', 'max'], normal: ['mean', 'stddev'], lognormal: ['median', 'sigma'] };
const LENGTH_OPTIONAL = { fixed: [], uniform: [], normal: ['min', 'max'], lognormal: ['min', 'max'] };

function advancedSection(initial, traces, models = []) {
  const select = (path, label, options, hint, none = 'default') => {
    const chosen = getPath(initial, path);
    return apiField(path, label, el('select', { name: path }, el('option', { value: '' }, none),
      ...options.map(([value, text]) => el('option', { value, ...(chosen !== undefined && String(chosen) === value ? { selected: '' } : {}) }, text))), hint);
  };
  const plain = (values) => values.map(v => [v, v]);
  const number = (path, [label, rule, hint] = ADVANCED_NUMBERS[path]) => {
    const value = getPath(initial, path);
    return apiField(path, label, numberInput(path, value ?? '', {
      ...(rule.min !== undefined ? { min: String(rule.min) } : {}), ...(rule.max !== undefined ? { max: String(rule.max) } : {}),
      ...(rule.integer ? { step: '1', inputmode: 'numeric' } : {}) }), hint);
  };
  const lengths = (side, legend) => {
    const base = `workload.${side}`;
    const distribution = select(base + '.distribution', 'Distribution', plain(['fixed', 'uniform', 'normal', 'lognormal']),
      `default: fixed ${side === 'input' ? 'ISL' : 'OSL'} above`);
    const params = Object.keys(LENGTH_PARAMS).map(p => {
      const node = number(`${base}.${p}`, LENGTH_PARAMS[p]);
      node.setAttribute('data-length-param', p);
      return node;
    });
    const chooser = distribution.querySelector('select');
    const toggle = () => params.forEach(node => {
      const d = chooser.value;
      node.hidden = !d || ![...LENGTH_REQUIRED[d], ...LENGTH_OPTIONAL[d]].includes(node.getAttribute('data-length-param'));
    });
    chooser.addEventListener('change', toggle);
    toggle();
    return el('fieldset', {}, el('legend', {}, legend), el('div', { class: 'grid' }, distribution, ...params));
  };
  const traceSelect = select('workload.traceId', 'Replay an uploaded trace',
    traces.map(t => [t.id, `${t.name} — ${fmt(t.requests, 0)} requests, ${fmt(t.arrivalRate, 2)} req/s`]),
    'replaces arrival rate, lengths and request count', 'none (generated workload)');
  const file = el('input', { type: 'file', id: 'trace-file', accept: '.csv,text/csv', 'aria-label': 'Trace CSV file' });
  const uploadStatus = el('div', { id: 'trace-upload-status', 'aria-live': 'polite' });
  const upload = el('button', { type: 'button', id: 'upload-trace', class: 'secondary' }, 'Upload CSV trace');
  upload.addEventListener('click', async () => {
    uploadStatus.replaceChildren();
    const chosen = file.files && file.files[0];
    if (!chosen) { uploadStatus.replaceChildren(problemBox({ title: 'Choose a CSV file first' })); return; }
    upload.disabled = true;
    try {
      const { body } = await api('/traces?name=' + encodeURIComponent(chosen.name.replace(/\.csv$/i, '')),
        { method: 'POST', body: await chosen.text(), contentType: 'text/csv' });
      const picker = traceSelect.querySelector('select');
      picker.append(el('option', { value: body.id }, `${body.name} — ${fmt(body.requests, 0)} requests, ${fmt(body.arrivalRate, 2)} req/s`));
      picker.value = body.id;
      uploadStatus.replaceChildren(el('span', { class: 'muted' }, `Uploaded ${body.name}: ${fmt(body.requests, 0)} requests.`));
    } catch (problem) {
      uploadStatus.replaceChildren(problemBox(problem));
    } finally {
      upload.disabled = false;
    }
  });
  const anySet = Object.keys(initial).some(k => ['scheduler', 'routing', 'speculation', 'disaggregation', 'durationSeconds'].includes(k))
    || ['arrival', 'input', 'output', 'users', 'traceId'].some(k => getPath(initial, 'workload.' + k) !== undefined);
  return el('details', { id: 'advanced', ...(anySet ? { open: '' } : {}) },
    el('summary', { id: 'advanced-toggle' }, 'Advanced: scheduler, routing, arrivals, length distributions, speculation, disaggregation, traces'),
    el('p', { class: 'muted' }, 'Discrete-event engine settings. Leave a field empty for the default; only what you set is sent.'),
    el('fieldset', {}, el('legend', {}, 'Scheduler and routing'), el('div', { class: 'grid' },
      select('scheduler.policy', 'Queue order', plain(['fcfs', 'priority', 'shortest-first']), 'default fcfs'),
      select('scheduler.chunkedPrefill', 'Chunked prefill', [['true', 'on'], ['false', 'off']], 'default on'),
      select('scheduler.prefixCaching', 'Prefix caching', [['true', 'on'], ['false', 'off']], 'default off'),
      select('scheduler.preemption', 'Preemption', plain(['recompute', 'swap']), 'default recompute'),
      select('routing', 'Routing across replicas', plain(['round-robin', 'least-outstanding', 'least-kv', 'prefix-affinity']), 'default least-outstanding'))),
    el('fieldset', {}, el('legend', {}, 'Arrivals and run length'), el('div', { class: 'grid' },
      select('workload.arrival.process', 'Arrival process', plain(['poisson', 'gamma', 'constant']), 'default poisson'),
      number('workload.arrival.cv'), number('workload.users'), number('workload.thinkSeconds'), number('durationSeconds'))),
    lengths('input', 'Input lengths'),
    lengths('output', 'Output lengths'),
    speculationFieldset('', initial, models),
    el('fieldset', {}, el('legend', {}, 'Prefill/decode disaggregation'), el('div', { class: 'grid' },
      number('disaggregation.prefillReplicas'), number('disaggregation.decodeReplicas'), number('disaggregation.linkGBps'))),
    el('fieldset', {}, el('legend', {}, 'Trace replay'), el('div', { class: 'grid' },
      traceSelect, el('label', {}, 'Upload a trace (CSV: timestamp,input_tokens,output_tokens)', file),
      el('div', {}, upload, uploadStatus))));
}

/**
 * Speculative decoding inputs (SimulationRequest.speculation), their names prefixed with `prefix` ('' for a
 * simulation, 'scenario.' for a sweep's base), prefilled from `initial`; empty by default, so nothing is sent.
 */
function speculationFieldset(prefix, initial, models) {
  const f = (path) => prefix + 'speculation.' + path;
  const chosen = (path) => getPath(initial, 'speculation.' + path);
  const option = (path, value, text) => el('option', { value, ...(chosen(path) !== undefined && String(chosen(path)) === value ? { selected: '' } : {}) }, text);
  const number = (path, label, rule, hint) => apiField(f(path), label, numberInput(f(path), chosen(path) ?? '', {
    min: String(rule.min), max: String(rule.max), ...(rule.integer ? { step: '1', inputmode: 'numeric' } : {}) }), hint);
  return el('fieldset', {}, el('legend', {}, 'Speculative decoding'), el('div', { class: 'grid' },
    number('draftTokens', 'Draft tokens per round', SPECULATION_RULES.draftTokens, '1 to 64'),
    number('acceptance', 'Acceptance per position', SPECULATION_RULES.acceptance, '0 to 1'),
    apiField(f('acceptanceByPosition'), 'Or acceptance by position',
      el('input', { name: f('acceptanceByPosition'), value: (chosen('acceptanceByPosition') || []).join(', '),
        placeholder: 'e.g. 0.9, 0.8, 0.7', inputmode: 'decimal' }), 'one rate (0 to 1) per draft token, instead of one for all'),
    apiField(f('drafter'), 'Drafter', el('select', { name: f('drafter') }, el('option', { value: '' }, 'default ngram'),
      option('drafter', 'mtp', 'mtp (one block of the target)'), option('drafter', 'ngram', 'ngram (free)'),
      option('drafter', 'model', 'a catalog draft model'))),
    apiField(f('draftModelId'), 'Draft model', el('select', { name: f('draftModelId') }, el('option', { value: '' }, 'none'),
      ...models.map(m => option('draftModelId', m.id, `${m.name || m.id}${m.visibility === 'tenant' ? ' (private)' : ''}`))),
      'same tokenizer as the target, smaller; its weights and KV cache share the GPUs')));
}

const SPECULATION_RULES = { draftTokens: { integer: true, min: 1, max: 64 }, acceptance: { min: 0, max: 1 } };

/** Adds the speculation inputs (prefixed as above) to `scenario` when any is set, checked as ScenarioValidation does. */
function readSpeculation(form, prefix, scenario, errors) {
  const path = (k) => prefix + 'speculation.' + k;
  const text = (k) => { const node = form.querySelector(`[name="${path(k)}"]`); return node ? node.value.trim() : ''; };
  if (!['draftTokens', 'acceptance', 'acceptanceByPosition', 'drafter', 'draftModelId'].some(k => text(k) !== '')) return;
  const number = (k) => {
    const t = text(k);
    if (t === '') return undefined;
    const message = numberProblem(t, SPECULATION_RULES[k]);
    if (message) { errors.push({ field: path(k), message }); return undefined; }
    return Number(t);
  };
  const draftTokens = number('draftTokens');
  const acceptance = number('acceptance');
  if (text('draftTokens') === '') errors.push({ field: path('draftTokens'), message: 'must not be null' });
  const speculation = {};
  if (draftTokens !== undefined) speculation.draftTokens = draftTokens;
  if (acceptance !== undefined) speculation.acceptance = acceptance;
  const profileText = text('acceptanceByPosition');
  if (profileText !== '') {
    const profile = profileText.split(/[,;\s]+/).filter(Boolean).map(Number);
    const bad = profile.findIndex(a => !Number.isFinite(a) || a < 0 || a > 1);
    if (bad >= 0) errors.push({ field: path('acceptanceByPosition'), message: `rate ${bad + 1} must be a number from 0 to 1` });
    else if (draftTokens !== undefined && profile.length !== draftTokens) errors.push({ field: path('acceptanceByPosition'), message: `needs one rate per draft token (${draftTokens}), has ${profile.length}` });
    if (text('acceptance') !== '') errors.push({ field: path('acceptanceByPosition'), message: 'give acceptance (one rate) or acceptanceByPosition (one per draft token), not both' });
    speculation.acceptanceByPosition = profile;
  } else if (text('acceptance') === '') {
    errors.push({ field: path('acceptance'), message: 'must not be null (or give acceptanceByPosition, one rate per draft token)' });
  }
  const drafter = text('drafter');
  const draftModel = text('draftModelId');
  if (drafter) speculation.drafter = drafter;
  if (draftModel) {
    if (drafter && drafter !== 'model') errors.push({ field: path('draftModelId'), message: `only with drafter model (or no drafter): drafter ${drafter} drafts without a catalog model` });
    speculation.draftModelId = draftModel;
  } else if (drafter === 'model') {
    errors.push({ field: path('draftModelId'), message: 'must not be null with drafter model: give the catalog model that drafts' });
  }
  scenario.speculation = speculation;
}

/**
 * Adds the advanced settings the user set to `scenario` (read by readScenario) and checks them as ScenarioValidation
 * does; a setting that replaces a simple field (a distribution for ISL/OSL, users for the rate, a duration for the
 * count, a trace for all of them) takes that field out of the request.
 */
function readAdvanced(form, scenario, errors) {
  if (!form.querySelector('#advanced')) return;
  const text = (path) => { const node = form.querySelector(`[name="${path}"]`); return node ? node.value.trim() : ''; };
  const number = (path, rule = ADVANCED_NUMBERS[path][1]) => {
    const t = text(path);
    if (t === '') return undefined;
    const message = numberProblem(t, rule);
    if (message) { errors.push({ field: path, message }); return undefined; }
    return Number(t);
  };
  const drop = (path) => {
    const keys = path.split('.');
    const last = keys.pop();
    const parent = keys.length ? getPath(scenario, keys.join('.')) : scenario;
    if (parent) delete parent[last];
    for (let i = errors.length - 1; i >= 0; i--) if (errors[i].field === path) errors.splice(i, 1);
  };
  const need = (path, message = 'must not be null') => { if (text(path) === '') errors.push({ field: path, message }); };
  scenario.workload = scenario.workload || {};

  for (const key of ['policy', 'preemption']) if (text('scheduler.' + key)) setPath(scenario, 'scheduler.' + key, text('scheduler.' + key));
  for (const key of ['chunkedPrefill', 'prefixCaching']) if (text('scheduler.' + key)) setPath(scenario, 'scheduler.' + key, text('scheduler.' + key) === 'true');
  if (text('routing')) scenario.routing = text('routing');

  const process = text('workload.arrival.process');
  const cv = number('workload.arrival.cv');
  if (process) setPath(scenario, 'workload.arrival.process', process);
  if (cv !== undefined) {
    if (process === 'gamma') setPath(scenario, 'workload.arrival.cv', cv);
    else errors.push({ field: 'workload.arrival.cv', message: 'only with process gamma' });
  } else if (process === 'gamma') need('workload.arrival.cv', 'must not be null for a gamma process');

  const users = number('workload.users');
  const think = number('workload.thinkSeconds');
  const closed = text('workload.users') !== '';
  if (users !== undefined) { drop('workload.arrivalRate'); scenario.workload.users = users; }
  if (closed && process) errors.push({ field: 'workload.arrival', message: 'not with workload.users (a closed loop: users send requests after thinkSeconds)' });
  if (think !== undefined) {
    if (closed) scenario.workload.thinkSeconds = think;
    else errors.push({ field: 'workload.thinkSeconds', message: 'only with workload.users (closed loop)' });
  }

  const duration = number('durationSeconds');
  if (duration !== undefined) {
    drop('requestCount');
    scenario.durationSeconds = duration;
    if (closed) errors.push({ field: 'durationSeconds', message: 'a closed loop needs requestCount' });
  }

  for (const side of ['input', 'output']) {
    const distribution = text(`workload.${side}.distribution`);
    if (!distribution) continue;
    drop(`workload.${side}Tokens`);
    const spec = { distribution };
    for (const p of [...LENGTH_REQUIRED[distribution], ...LENGTH_OPTIONAL[distribution]]) {
      const path = `workload.${side}.${p}`;
      if (text(path) === '') {
        if (LENGTH_REQUIRED[distribution].includes(p)) errors.push({ field: path, message: `must not be null for a ${distribution} distribution` });
        continue;
      }
      const value = number(path, LENGTH_PARAMS[p][1]);
      if (value !== undefined) spec[p] = value;
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.max < spec.min) {
      errors.push({ field: `workload.${side}.max`, message: `must be at least min (${spec.min})` });
    }
    scenario.workload[side] = spec;
  }

  readSpeculation(form, '', scenario, errors);

  if (['prefillReplicas', 'decodeReplicas', 'linkGBps'].some(k => text('disaggregation.' + k) !== '')) {
    const prefill = number('disaggregation.prefillReplicas');
    const decode = number('disaggregation.decodeReplicas');
    const link = number('disaggregation.linkGBps');
    need('disaggregation.prefillReplicas');
    need('disaggregation.decodeReplicas');
    scenario.disaggregation = {};
    if (prefill !== undefined) scenario.disaggregation.prefillReplicas = prefill;
    if (decode !== undefined) scenario.disaggregation.decodeReplicas = decode;
    if (link !== undefined) scenario.disaggregation.linkGBps = link;
    if (prefill !== undefined && decode !== undefined && scenario.replicas !== undefined && scenario.replicas !== prefill + decode) {
      errors.push({ field: 'replicas', message: `with disaggregation, replicas (when given) must be prefillReplicas + decodeReplicas (${prefill + decode})` });
    }
  }

  const traceId = text('workload.traceId');
  if (traceId) {
    const fromTrace = 'comes from the trace (workload.traceId)';
    for (const key of ['arrival', 'input', 'output', 'users', 'thinkSeconds']) {
      if (scenario.workload[key] !== undefined) errors.push({ field: 'workload.' + key, message: fromTrace });
    }
    if (scenario.durationSeconds !== undefined) errors.push({ field: 'durationSeconds', message: 'the trace\'s requests are replayed' });
    ['workload.arrivalRate', 'workload.inputTokens', 'workload.outputTokens', 'requestCount'].forEach(drop);
    scenario.workload.traceId = traceId;
  }
}

/** The engine settings a job was given (its stored scenario), in words; null when it ran with the defaults. */
function engineSettings(s) {
  const w = s.workload || {};
  const members = (o) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');
  const lengths = (d) => {   // its parameters first, then the clipping bounds, whatever order they were stored in
    const given = ['tokens', 'mean', 'stddev', 'median', 'sigma', 'min', 'max'].filter(k => d[k] !== undefined && d[k] !== null);
    return `${d.distribution}${given.length ? ' (' + given.map(k => `${k} ${d[k]}`).join(', ') + ')' : ''}`;
  };
  const parts = [];
  if (w.traceId) parts.push(`trace ${w.traceId}`);
  if (w.users !== undefined && w.users !== null) parts.push(`closed loop of ${w.users} users, think ${w.thinkSeconds ?? 0} s`);
  if (w.arrival) parts.push(`${w.arrival.process || 'poisson'} arrivals${w.arrival.cv !== undefined && w.arrival.cv !== null ? ' (cv ' + w.arrival.cv + ')' : ''}`);
  if (w.input) parts.push('input lengths ' + lengths(w.input));
  if (w.output) parts.push('output lengths ' + lengths(w.output));
  if (s.durationSeconds) parts.push(`${s.durationSeconds} s of arrivals`);
  if (s.scheduler) parts.push('scheduler ' + members(s.scheduler));
  if (s.routing) parts.push('routing ' + s.routing);
  if (s.speculation) {
    const sp = s.speculation;
    const drafter = sp.draftModelId ? `draft model ${sp.draftModelId}${sp.draftModelRevision ? ' (revision ' + sp.draftModelRevision + ')' : ''}` : (sp.drafter || 'ngram');
    const acceptance = sp.acceptanceByPosition ? `acceptance by position ${sp.acceptanceByPosition.join(', ')}` : `acceptance ${sp.acceptance}`;
    parts.push(`speculation ${drafter}: ${sp.draftTokens} draft tokens, ${acceptance}`);
  }
  if (s.disaggregation) parts.push(`disaggregation ${s.disaggregation.prefillReplicas} prefill + ${s.disaggregation.decodeReplicas} decode replicas${s.disaggregation.linkGBps ? ', ' + s.disaggregation.linkGBps + ' GB/s link' : ''}`);
  return parts.length ? 'Engine settings: ' + parts.join('; ') + '.' : null;
}

const nameProblem = (name) => !name || !name.trim() ? 'must not be blank' : name.length > 200 ? 'size must be between 0 and 200' : null;
const clientProblem = (errors) => ({ title: 'Check the highlighted fields', detail: `${errors.length} field${errors.length > 1 ? 's' : ''} to fix before it can run`, errors, client: true });

async function catalogChoices() {
  const [models, accelerators] = await Promise.all([catalogList('models'), catalogList('accelerators')]);
  return { models, accelerators };
}

// ------------------------------------------------------------------------------------------------ scenario builder

async function simulateView(params) {
  const root = view();
  root.replaceChildren(el('h1', {}, 'New simulation'), el('p', { class: 'muted' }, 'Loading the catalog…'));
  const [{ models, accelerators }, traces] = await Promise.all([catalogChoices(),
    api('/traces').then(r => r.body || [], () => [])]);   // no trace list: the picker is just empty
  let initial = {};
  let name = 'Llama 3.1 8B FP8 on one H100';
  if (params.get('from')) {   // "edit as new": start from another simulation's scenario
    const { body: job } = await api('/simulations/' + encodeURIComponent(params.get('from')));
    initial = job.scenario || {};
    name = (job.name || 'simulation') + ' (edited)';
  }
  const form = el('form', { id: 'scenario', novalidate: '', class: 'stack' },
    el('div', { class: 'grid' }, apiField('name', 'Name', el('input', { name: 'name', value: name, required: '', maxlength: '200' }))),
    ...scenarioFieldsets('', models, accelerators, initial),
    advancedSection(initial, traces, models),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'run-simulation' }, 'Run simulation'),
      el('button', { type: 'button', id: 'estimate', class: 'secondary' }, 'Estimate'),
      el('a', { href: '#/sweeps/new' }, 'or sweep a grid of configurations')));
  const status = el('div', { id: 'submit-status' });
  const estimateNode = el('section', { id: 'estimate-result', 'aria-label': 'Estimate before running', 'aria-live': 'polite' });
  /** The form as the API's body, checked as the server would; null (messages shown) when a field is wrong. */
  const readForm = () => {
    clearProblems(form);
    status.replaceChildren();
    const { scenario, errors } = readScenario(form, '');
    readAdvanced(form, scenario, errors);
    scenario.name = form.querySelector('[name=name]').value;
    const bad = nameProblem(scenario.name);
    if (bad) errors.unshift({ field: 'name', message: bad });
    if (errors.length) { showProblem(form, status, clientProblem(errors)); return null; }
    return scenario;
  };
  form.querySelector('#estimate').addEventListener('click', async () => {
    estimateNode.replaceChildren();
    const scenario = readForm();
    if (!scenario) return;
    const button = form.querySelector('#estimate');
    button.disabled = true;
    estimateNode.replaceChildren(el('p', { class: 'muted' }, 'Estimating…'));
    try {
      const { body } = await api('/simulations/estimate', { method: 'POST', body: JSON.stringify(scenario) });
      await renderEstimate(estimateNode, body, scenario);
    } catch (problem) {
      estimateNode.replaceChildren();
      showProblem(form, status, problem);
    } finally {
      button.disabled = false;
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scenario = readForm();
    if (!scenario) return;
    const button = form.querySelector('#run-simulation');
    button.disabled = true;
    try {
      const { body } = await api('/simulations', { method: 'POST', body: JSON.stringify(scenario) });
      window.location.hash = '#/simulations/' + body.id;
    } catch (problem) {
      showProblem(form, status, problem);
    } finally {
      button.disabled = false;
    }
  });
  root.replaceChildren(el('h1', {}, 'New simulation'),
    el('p', { class: 'muted' }, 'A request-level simulation of a serving cluster: pick the model and hardware, how it is split over GPUs, the scheduler\'s limits and the load. Messages appear next to the field they concern.'),
    form, status, estimateNode);
}

/**
 * What a quote would price the accelerator with: the TCO terms of the tenant's default price book, else of the
 * platform's default book, else pricing-service's GPU-hour rental rate (power included). {tco, basis} or null.
 */
async function estimateTerms(acceleratorId) {
  const books = await api('/pricing/price-books').then(r => (r.body || []).filter(b => !b.archived), () => []);
  const book = books.find(b => b.isDefault && b.visibility === 'tenant') || books.find(b => b.isDefault && b.visibility === 'public');
  const terms = book && book.terms ? (book.terms.accelerators || []).find(a => a.acceleratorId === acceleratorId) : null;
  if (terms) return { tco: terms.tco, basis: `price book "${book.name}" revision ${book.currentRevision}${terms.source ? ' (' + terms.source + ')' : ''}` };
  const { body: rates } = await api('/pricing/rates');
  const rate = (rates || []).find(x => x.acceleratorId === acceleratorId);
  return rate ? { tco: { path: 'RENT', rentalUsdPerGpuHour: rate.usdPerGpuHour, powerIncludedInRental: true },
    basis: `the platform GPU-hour rate (${rate.rateBasis}${rate.source ? ': ' + rate.source : ''})` } : null;
}

/**
 * The steady-state estimate of a scenario ({acceleratorId, modelId, result}) and its cost: the accelerator's TCO terms
 * (estimateTerms) priced by POST /api/pricing/token-cost per replica, all replica time charged to its output tokens
 * (decode-only, like a quote without per-phase figures), and to all tokens alike for the blended figure. The page only
 * formats the figures pricing-service returns.
 */
async function renderEstimate(node, estimate, scenario) {
  const r = estimate.result || {};
  const gpus = Number(r.gpusPerReplica || 1);
  const perReplicaOut = numberOrNull(r.outputTokensPerSecondPerReplica);
  const perReplicaAll = r.replicas ? (Number(r.inputTokensPerSecond || 0) + Number(r.outputTokensPerSecond || 0)) / r.replicas : null;
  const missing = ['input-token cost (the steady-state estimate has no per-phase busy time; a simulation\'s quote prices prefill)',
    'confidence range (a simulation\'s quote gives it when the run reports one)'];
  let cost = null;
  let basis = '';
  try {
    const terms = await estimateTerms(estimate.acceleratorId);
    if (!terms) missing.unshift(`output-token cost (no price book terms and no GPU-hour rate for ${estimate.acceleratorId})`);
    else if (!(perReplicaOut > 0)) missing.unshift('output-token cost (the estimate serves no output tokens)');
    else {
      ({ body: cost } = await api('/pricing/token-cost', { method: 'POST', body: JSON.stringify({ tco: terms.tco,
        gpusPerReplica: gpus, outputTokensPerSecond: perReplicaOut, ...(perReplicaAll > 0 ? { tokensPerSecond: perReplicaAll } : {}) }) }));
      basis = `${estimate.acceleratorId} at ${priceIn(cost.currency)(cost.usdPerGpuHour.total, 4)} per GPU-hour from ${terms.basis}`;
    }
  } catch (problem) {
    missing.unshift(`output-token cost (pricing-service: ${problem.title || problem.status}${problem.detail ? ' — ' + problem.detail : ''})`);
  }
  const outputSplit = cost ? cost.perMillionOutputTokens : null;
  const costView = costBreakdown('estimate-cost', 'estimateCostSplit', {
    currency: cost ? cost.currency : 'USD', output: outputSplit ? outputSplit.total : null, outputSplit,
    input: null, low: null, high: null,
    blended: cost && cost.perMillionTokens ? cost.perMillionTokens.total : null, blendedLabel: 'Per million tokens, input and output alike',
    joules: numberOrNull(r.joulesPerOutputToken), missing,
    notes: cost ? [`Cost (pricing-service): ${basis}, × ${gpus} GPU${gpus > 1 ? 's' : ''} per replica ÷ ${fmt(perReplicaOut, 1)} output tokens/s per replica; all replica time charged to output tokens.`] : [],
  });
  const slo = r.slo;
  node.replaceChildren(el('h2', {}, 'Estimate before running'),
    el('p', { class: 'notice', id: 'estimate-method' }, el('strong', {}, 'An estimate'), ` by the steady-state method (${r.method || 'steady-state'}), not a simulation: `
      + 'one operating point, no request-level queueing or distributions. Run the simulation for percentiles and a priced quote.'),
    el('p', { class: 'muted', id: 'estimate-summary' }, `${estimate.modelId} on ${estimate.acceleratorId}: ${r.replicas} replica(s) × ${gpus} GPU(s), `
      + `${fmt(r.concurrencyPerReplica, 0)} sequences per replica at once.`),
    el('div', { class: 'cards' },
      card('Output tokens/s (all replicas)', fmt(r.outputTokensPerSecond, 0), 'estimate-throughput'),
      card('Output tokens/s per GPU', fmt(r.outputTokensPerSecondPerGpu, 1), 'estimate-per-gpu'),
      card('Tokens/s per user (1 / TPOT)', fmt(r.tokensPerSecondPerUser, 1), 'estimate-per-user'),
      card('TTFT', ms(r.ttftSeconds, 0), 'estimate-ttft'),
      card('TPOT', ms(r.tpotSeconds), 'estimate-tpot'),
      card('E2E latency', ms(r.e2eLatencySeconds, 0), 'estimate-e2e'),
      card('SLO', slo ? (slo.met ? 'met' : `missed${slo.ttftMet === false ? ' (TTFT)' : ''}${slo.tpotMet === false ? ' (TPOT)' : ''}`) : 'none set', 'estimate-slo'),
      r.saturated ? el('div', { class: 'card notice', id: 'estimate-saturated' }, 'Saturated: the offered load exceeds what the replicas serve.') : null),
    el('h3', {}, 'Estimated cost per million tokens'),
    ...costView.nodes);
  node.setAttribute('data-method', r.method || '');
  costView.draw();
}

// ------------------------------------------------------------------------------------------------ run and result

const ms = (seconds, digits = 1) => (seconds === null || seconds === undefined) ? '—' : fmt(seconds * 1000, digits) + ' ms';
const pct = (fraction, digits = 1) => (fraction === null || fraction === undefined) ? '—' : fmt(fraction * 100, digits) + ' %';

async function simulationView(id, params = new URLSearchParams()) {
  const root = view();
  root.replaceChildren(el('h1', {}, 'Simulation'), el('p', { id: 'run-status' }, 'Loading…'));
  let job;
  try {
    ({ body: job } = await api('/simulations/' + encodeURIComponent(id)));
  } catch (problem) {
    if (problem.status === 404) {
      root.replaceChildren(el('h1', {}, 'Simulation'), el('p', { id: 'not-found', class: 'problem' }, 'Not found: no simulation ' + id + ' in your tenant.'));
      return;
    }
    throw problem;
  }
  if (['QUEUED', 'RUNNING'].includes(job.status)) {
    renderRunning(root, job);
    return;
  }
  await renderFinished(root, job, params);
}

function renderRunning(root, job) {
  const bar = el('progress', { id: 'run-progress', max: '100', value: '0', 'aria-label': 'Progress' });
  const percent = el('span', { id: 'run-percent' }, '0 %');
  const detail = el('span', { id: 'run-detail', class: 'muted' });
  const statusNode = el('strong', { id: 'job-status' }, job.status);
  const problemNode = el('div', { id: 'run-problem' });
  const cancel = el('button', { type: 'button', id: 'cancel', class: 'danger' }, 'Cancel');
  const update = (state) => {
    statusNode.textContent = state.status;
    const p = Number(state.percent || 0);
    bar.value = p;
    percent.textContent = fmt(p, 1) + ' %';
    const parts = [];
    if (state.simulatedSeconds !== undefined) parts.push(`simulated ${fmt(state.simulatedSeconds, 1)} s`);
    if (state.partial && state.partial.outputTokensPerSecond !== undefined) parts.push(`${fmt(state.partial.outputTokensPerSecond, 0)} output tok/s so far`);
    detail.textContent = parts.join(' · ');
  };
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      const { body } = await api(`/simulations/${encodeURIComponent(job.id)}/cancel`, { method: 'POST' });
      update({ status: body.status, percent: bar.value });
    } catch (problem) {
      cancel.disabled = false;
      problemNode.replaceChildren(problemBox(problem));
    }
  });
  root.replaceChildren(el('h1', {}, job.name),
    el('p', { id: 'run-status' }, 'Status: ', statusNode, ' ', el('span', { class: 'live', 'aria-hidden': 'true' }, '● live')),
    el('div', { class: 'progress-line' }, bar, percent, detail), el('div', {}, cancel), problemNode,
    el('p', { class: 'muted' }, 'Progress streams from the simulator as Server-Sent Events; the result opens here when it is done.'));
  follow(`/simulations/${encodeURIComponent(job.id)}/events`, job.id, update, async () => {
    if (!document.body.contains(root)) return;
    const { body: latest } = await api('/simulations/' + encodeURIComponent(job.id));
    await renderFinished(root, latest);
  }, async () => (await api('/simulations/' + encodeURIComponent(job.id))).body);
}

/** A completed job's price is written by pricing-service after the result event: wait a little for it. */
async function withPrice(job) {
  for (let attempt = 0; attempt < 40 && job.status === 'COMPLETED' && !job.price; attempt++) {
    await new Promise(resolve => setTimeout(resolve, 500));
    ({ body: job } = await api('/simulations/' + encodeURIComponent(job.id)));
  }
  return job;
}

async function renderFinished(root, job, params = new URLSearchParams()) {
  if (job.status === 'COMPLETED' && !job.price) {
    root.replaceChildren(el('h1', {}, job.name), el('p', { id: 'run-status' }, 'Status: ', el('strong', {}, 'COMPLETED'), ' — pricing the result…'));
    job = await withPrice(job);
  }
  const r = job.result || {};
  const p = job.price || {};
  const s = job.scenario || {};
  const id = encodeURIComponent(job.id);
  const header = [el('h1', {}, job.name),
    el('p', { id: 'run-status' }, 'Status: ', el('strong', { id: 'job-status' }, job.status), job.error ? ' — ' + job.error : ''),
    el('p', { class: 'muted', id: 'scenario-summary' }, describeScenario(job))];
  const actions = el('div', { class: 'actions' },
    el('a', { class: 'button secondary', href: '#/simulate?from=' + id }, 'Edit as new'),
    job.sweepId ? el('a', { class: 'button secondary', href: '#/sweeps/' + encodeURIComponent(job.sweepId) }, 'Back to its sweep') : null,
    el('a', { class: 'button secondary', href: '#/simulations' }, 'Compare with others'));
  if (job.status !== 'COMPLETED') {
    root.replaceChildren(...header, actions);
    return;
  }
  actions.prepend(
    el('button', { type: 'button', id: 'export-json', class: 'secondary', onclick: () => download(`/simulations/${id}/result`, 'application/json', `simulation-${job.id}.json`) }, 'Download JSON'),
    el('button', { type: 'button', id: 'export-csv', class: 'secondary', onclick: () => download(`/simulations/${id}/result?format=csv`, 'text/csv', `simulation-${job.id}.csv`) }, 'Download CSV'));
  const latencyNode = el('div', { class: 'chart', id: 'latency-chart', role: 'img', 'aria-label': 'Latency percentiles: time to first token, time per output token, end to end' });
  const kvNode = el('div', { class: 'chart short', id: 'kv-chart', role: 'img', 'aria-label': 'KV-cache occupancy, peak and time average' });
  const slo = r.slo || {};
  const distributions = distributionCharts(r);
  const costSection = el('section', { id: 'cost-section', 'aria-label': 'Cost per million tokens' },
    el('h2', {}, 'Cost per million tokens'), el('p', { class: 'muted', id: 'cost-loading' }, 'Loading the quote…'));
  root.replaceChildren(...[...header,
    el('div', { class: 'cards' },
      card('Output tokens/s (all replicas)', fmt(r.outputTokensPerSecond, 0), 'throughput'),
      card('Output tokens/s per GPU', fmt(r.outputTokensPerSecondPerGpu, 1), 'per-gpu'),
      card('Tokens/s per user (1 / TPOT)', fmt(r.tokensPerSecondPerUser, 1), 'per-user'),
      card('TTFT p50 / p99', r.latency ? `${ms(r.latency.ttft.p50, 0)} / ${ms(r.latency.ttft.p99, 0)}` : ms(r.ttftSeconds, 0), 'ttft'),
      card('TPOT p50 / p99', r.latency ? `${ms(r.latency.tpot.p50)} / ${ms(r.latency.tpot.p99)}` : ms(r.tpotSeconds), 'tpot'),
      card('SLO', r.slo ? `${slo.met ? 'met' : 'missed'}${slo.attainment !== undefined && slo.attainment !== null ? ' · ' + pct(slo.attainment) + ' of requests' : ''}` : 'none set', 'slo'),
      card('KV cache peak / mean', r.kvCache ? `${pct(r.kvCache.peakFraction)} / ${pct(r.kvCache.meanFraction)}` : '—', 'kv-occupancy'),
      card('Energy per output token', r.joulesPerOutputToken === undefined || r.joulesPerOutputToken === null ? '—' : fmt(r.joulesPerOutputToken, 3) + ' J', 'energy'),
      card(`GPU time per million output tokens (${p.currency || 'USD'}, all time charged to output)`, p.usdPerMillionOutputTokens === undefined || p.usdPerMillionOutputTokens === null ? '—' : '$' + fmt(p.usdPerMillionOutputTokens, 4), 'cost'),
      card('GPU-hour rate', p.usdPerGpuHour === undefined ? '—' : '$' + fmt(p.usdPerGpuHour) + ' (' + p.rateBasis + ')', 'gpu-hour'),
      r.saturated ? el('div', { class: 'card notice', id: 'saturated' }, 'Saturated: the offered load exceeds what the replicas serve; a queue builds up.') : null),
    actions,
    r.latency ? el('h2', {}, 'Latency percentiles') : null,
    r.latency ? latencyTable(r.latency) : null,
    r.latency ? latencyNode : null,
    r.kvCache ? el('h2', {}, 'KV-cache occupancy') : null,
    r.kvCache ? el('p', { class: 'muted', id: 'kv-figures' }, `Peak ${fmt(r.kvCache.peakBlocks, 0)} of ${fmt(r.kvCache.blocksPerReplica, 0)} blocks per replica (16 tokens each); ${fmt(r.preemptions || 0, 0)} preemptions.`
      + (r.memory ? ` Weights ${fmt(r.memory.weightGiBPerGpu, 1)} GiB and KV cache ${fmt(r.memory.kvCacheGiBPerGpu, 1)} GiB per GPU.` : '')) : null,
    r.kvCache ? kvNode : null,
    distributions ? distributions.section : null,
    costSection,
    el('div', { id: 'assumptions', class: 'muted' },
      engineSettings(s) ? el('p', { id: 'engine-settings' }, engineSettings(s)) : null,
      el('p', {}, `Method: ${r.method || '—'}. ${r.assumptions || ''}`)),
    r.decodeStepSeconds !== undefined && !r.latency ? el('p', { id: 'decode-step' }, `Decode step (lower bound): ${ms(r.decodeStepSeconds, 3)}; ${fmt(r.outputTokensPerSecond, 1)} output tokens/s per sequence.`) : null]
    .filter(node => node !== null && node !== undefined));
  if (r.latency) {
    const order = ['p50', 'p90', 'p95', 'p99'];
    chart('latency', latencyNode, {
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 70, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: order },
      yAxis: { type: 'log', name: 'milliseconds (log)', minorSplitLine: { show: false } },
      series: [['TTFT', 'ttft'], ['TPOT', 'tpot'], ['E2E', 'e2e']].map(([name, key]) => ({
        name, type: 'bar', data: order.map(q => Math.round(r.latency[key][q] * 1e6) / 1000), label: { show: true, position: 'top', fontSize: 10 } })),
    });
  }
  if (distributions) distributions.draw();
  // the quote named in the URL (?quote=, e.g. after pricing with another book), else the newest one
  const chosenQuote = params.get('quote')
    ? api('/pricing/quotes/' + encodeURIComponent(params.get('quote'))).then(r => r.body, problem => ({ problem }))
    : quoteOf(job.id);
  chosenQuote.then(quote => { if (document.body.contains(costSection)) renderQuote(costSection, quote, job.id); });
  if (r.kvCache) {
    chart('kv', kvNode, {
      animation: false, tooltip: {}, grid: { left: 120, right: 40, top: 20, bottom: 40 },
      xAxis: { type: 'value', max: 100, name: '% of KV blocks' },
      yAxis: { type: 'category', data: ['time average', 'peak'] },
      series: [{ type: 'bar', data: [r.kvCache.meanFraction, r.kvCache.peakFraction].map(f => Math.round(f * 1000) / 10), label: { show: true, position: 'right', formatter: '{c} %' } }],
    });
  }
}

function describeScenario(job) {
  const s = job.scenario || {};
  if (!job.modelId) return `Parameter-count estimate on ${job.acceleratorId || (job.accelerator || {}).id || '—'}.`;
  const par = s.parallelism || {};
  const w = s.workload || {};
  const b = s.batch || {};
  return `${job.modelId} on ${job.acceleratorId}, ${s.quantization || ''}, TP ${par.tensor || 1} × PP ${par.pipeline || 1} (EP ${par.expert || 1}) × ${s.replicas || 1} replica(s); `
    + `batch ≤ ${b.maxBatchSequences} sequences / ${b.maxBatchTokens} tokens, KV share ${b.kvCacheMemoryFraction}; `
    + `${w.users ? w.users + ' users' : (w.arrivalRate ?? '—') + ' req/s'}, ISL ${w.input ? w.input.distribution : (w.inputTokens ?? '—')}, `
    + `OSL ${w.output ? w.output.distribution : (w.outputTokens ?? '—')}; ${fmt(s.requestCount, 0)} requests, seed ${s.seed}.`;
}

function latencyTable(latency) {
  const cols = ['mean', 'p50', 'p90', 'p95', 'p99', 'max'];
  return el('div', { class: 'table-wrap' }, el('table', { id: 'latency-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'ms'), ...cols.map(c => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...[['TTFT', 'ttft'], ['TPOT', 'tpot'], ['E2E', 'e2e'], ['Queueing', 'queueing']].filter(([, k]) => latency[k])
      .map(([label, k]) => el('tr', { 'data-metric': k }, el('th', { scope: 'row' }, label),
        ...cols.map(c => el('td', { class: 'num' }, fmt(latency[k][c] * 1000, 2))))))));
}

// ------------------------------------------------------------------------------------------------ latency distribution, time series

const HISTOGRAMS = [['ttft', 'TTFT', 'ttftHistogram'], ['tpot', 'TPOT', 'tpotHistogram'], ['e2e', 'E2E', 'e2eHistogram']];
const msLabel = (seconds) => { const m = seconds * 1000; return fmt(m, m < 10 ? 2 : m < 100 ? 1 : 0); };

/**
 * The discrete-event engine's latency histograms (`latencyDistribution`: buckets of [lowerSeconds, upperSeconds) with
 * a request count) and its time series over simulated time (`timeSeries`: queue length, KV occupancy 0..1, running
 * sequences at each sample). Null when the result has neither (e.g. the steady-state estimate): the percentile and
 * peak/mean KV charts stay the only pictures then. Each chart lands in window.tokenomicsCharts under its name.
 */
function distributionCharts(r) {
  const d = r.latencyDistribution;
  const ts = r.timeSeries;
  const hasSeries = ts && Array.isArray(ts.timeSeconds) && ts.timeSeconds.length > 0;
  const histograms = d ? HISTOGRAMS.filter(([key]) => Array.isArray(d[key]) && d[key].length) : [];
  if (!histograms.length && !hasSeries) return null;
  const nodes = Object.fromEntries(histograms.map(([key, label, name]) => [name,
    el('div', { class: 'chart short', id: name.replace(/[A-Z]/g, c => '-' + c.toLowerCase()) + '-chart', role: 'img',
      'aria-label': `${label} distribution: requests per latency bucket` })]));
  const seriesNode = hasSeries ? el('div', { class: 'chart', id: 'timeseries-chart', role: 'img',
    'aria-label': 'Queue length, running sequences and KV-cache occupancy over simulated time' }) : null;
  const section = el('section', { id: 'distributions', 'aria-label': 'Latency distribution and occupancy over time' },
    histograms.length ? el('h2', {}, 'Latency distribution') : null,
    histograms.length ? el('p', { class: 'muted', id: 'histogram-note' }, 'Requests per latency bucket'
      + (r.completedRequests !== undefined && r.completedRequests !== null ? ` (${fmt(r.completedRequests, 0)} completed requests)` : '')
      + '. TPOT counts requests with more than one output token.') : null,
    histograms.length ? el('div', { class: 'chart-grid' }, ...histograms.map(([key, label, name]) => el('div', {}, el('h3', {}, label), nodes[name]))) : null,
    hasSeries ? el('h2', {}, 'Queue, running sequences and KV cache over time') : null,
    hasSeries ? el('p', { class: 'muted', id: 'timeseries-note' }, `${fmt(ts.timeSeconds.length, 0)} samples over ${fmt(ts.timeSeconds[ts.timeSeconds.length - 1], 1)} s of simulated time; KV occupancy is the share of the paged KV blocks in use.`) : null,
    seriesNode);
  const draw = () => {
    for (const [key, label, name] of histograms) {
      const buckets = d[key];
      chart(name, nodes[name], {
        animation: false, tooltip: { trigger: 'axis' }, grid: { left: 55, right: 15, top: 30, bottom: 70 },
        xAxis: { type: 'category', name: 'ms', nameLocation: 'end', data: buckets.map(b => `${msLabel(b.lowerSeconds)}–${msLabel(b.upperSeconds)}`),
          axisLabel: { rotate: 40, fontSize: 10 } },
        yAxis: { type: 'value', name: 'requests', minInterval: 1 },
        series: [{ name: label, type: 'bar', barCategoryGap: '8%', data: buckets.map(b => Number(b.count)) }],
      });
    }
    if (hasSeries) {
      const t = ts.timeSeconds.map(Number);
      const pairs = (values, scale = 1) => (values || []).map((v, i) => [t[i], v === null || v === undefined ? null : Math.round(Number(v) * scale * 1000) / 1000]);
      chart('timeSeries', seriesNode, {
        animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 60, right: 60, top: 50, bottom: 50 },
        dataZoom: [{ type: 'inside' }],
        xAxis: { type: 'value', name: 'simulated time (s)', nameLocation: 'middle', nameGap: 28, scale: true },
        yAxis: [{ type: 'value', name: 'requests', minInterval: 1 }, { type: 'value', name: 'KV %', min: 0, max: 100 }],
        series: [
          { name: 'queue length', type: 'line', showSymbol: false, step: 'end', data: pairs(ts.queueLength) },
          { name: 'running sequences', type: 'line', showSymbol: false, step: 'end', data: pairs(ts.runningSequences) },
          { name: 'KV-cache occupancy (%)', type: 'line', showSymbol: false, yAxisIndex: 1, data: pairs(ts.kvOccupancy, 100) },
        ],
      });
    }
  };
  return { section, draw };
}

// ------------------------------------------------------------------------------------------------ cost per million tokens

const COST_PARTS = [['capital', 'Capital'], ['energy', 'Energy'], ['opex', 'Opex'], ['rental', 'Rental']];
const priceIn = (currency) => (n, digits = 4) => (n === null || n === undefined) ? '—'
  : (!currency || currency === 'USD' ? '$' + fmt(n, digits) : fmt(n, digits) + ' ' + currency);
const numberOrNull = (v) => (v === null || v === undefined || !Number.isFinite(Number(v))) ? null : Number(v);

/**
 * Cost cards, a capital / energy / opex / rental table and a stacked bar chart of the split per million output (and
 * input) tokens, and the list of what could not be computed. `f`: {currency, output, outputSplit, input, inputSplit,
 * low, high, blended, blendedLabel, useful, joules, missing[], notes[]}; ids start with `prefix`, the chart is
 * window.tokenomicsCharts[chartName]. Returns {nodes, draw}.
 */
function costBreakdown(prefix, chartName, f) {
  const money = priceIn(f.currency);
  // the chart stacks the parts that cost something; the table shows all four
  const parts = COST_PARTS.filter(([key]) => Number(getPath(f, 'outputSplit.' + key) || 0) !== 0
    || Number(getPath(f, 'inputSplit.' + key) || 0) !== 0);
  const rows = [['output tokens', f.outputSplit, f.output], ...(f.input !== null && f.input !== undefined && f.inputSplit ? [['input tokens', f.inputSplit, f.input]] : [])]
    .filter(([, split]) => split);
  const cell = (v) => el('td', { class: 'num', ...(numberOrNull(v) !== null ? { 'data-value': String(Number(v)) } : {}) }, money(numberOrNull(v)));
  const table = el('div', { class: 'table-wrap' }, el('table', { id: prefix + '-breakdown' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, `${f.currency || 'USD'} per million`), ...COST_PARTS.map(([, label]) => el('th', { scope: 'col' }, label)),
      el('th', { scope: 'col' }, 'Total'))),
    el('tbody', {}, ...rows.map(([label, split, total]) => el('tr', { 'data-tokens': label.split(' ')[0] }, el('th', { scope: 'row' }, label),
      ...COST_PARTS.map(([key]) => el('td', { class: 'num', 'data-part': key, ...(numberOrNull(split[key]) !== null ? { 'data-value': String(Number(split[key])) } : {}) },
        money(numberOrNull(split[key])))),
      cell(total))))));
  const chartNode = rows.length ? el('div', { class: 'chart short', id: prefix + '-chart', role: 'img',
    'aria-label': 'Cost per million tokens split into capital, energy, opex and rental' }) : null;
  const missing = (f.missing || []).filter(Boolean);
  const range = f.low !== null && f.low !== undefined && f.high !== null && f.high !== undefined ? `${money(f.low)} – ${money(f.high)}` : '—';
  const nodes = [
    el('div', { class: 'cards' },
      card('Per million output tokens', money(f.output), prefix + '-output'),
      card('Per million input tokens', f.input === null || f.input === undefined ? 'not computed' : money(f.input), prefix + '-input'),
      card('Output cost range (low – high)', range, prefix + '-range'),
      f.blendedLabel ? card(f.blendedLabel, money(f.blended), prefix + '-blended') : null,
      f.useful !== undefined ? card('Per million useful output tokens', money(f.useful), prefix + '-useful') : null,
      card('Energy per output token', f.joules === null || f.joules === undefined ? '—' : fmt(f.joules, 3) + ' J', prefix + '-joules')),
    table, chartNode,
    ...(f.notes || []).map(n => el('p', { class: 'muted' }, n)),
    missing.length ? el('div', { class: 'notice', id: prefix + '-missing' }, el('strong', {}, 'Not computed: '),
      el('ul', {}, ...missing.map(m => el('li', {}, m)))) : null,
  ].filter(Boolean);
  const draw = () => {
    if (!chartNode) return;
    chart(chartName, chartNode, {
      animation: false, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 }, grid: { left: 110, right: 30, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: `${f.currency || 'USD'} / M`, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: rows.map(([label]) => label) },
      series: parts.map(([key, label]) => ({ name: label, type: 'bar', stack: 'cost', barMaxWidth: 48,
        data: rows.map(([, split]) => numberOrNull(split[key]) === null ? 0 : Number(split[key])) })),
    });
  };
  return { nodes, draw };
}

/** The newest quote of a simulation (pricing-service quotes it after the result event: wait a little for it). */
async function quoteOf(simulationId, attempts = 20) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const { body } = await api('/pricing/quotes?simulationId=' + encodeURIComponent(simulationId));
      if (Array.isArray(body) && body.length) return body[0];
    } catch (problem) {
      return { problem };
    }
    if (attempt + 1 < attempts) await new Promise(resolve => setTimeout(resolve, 500));
  }
  return null;
}

/**
 * A quote's input cost split into capital, energy, opex and rental, as pricing-service computed it (the same replica
 * time priced per prefill token, BigDecimal on the server); null when the quote prices no input tokens or was stored
 * before the split was computed. Formatting only: no money arithmetic here.
 */
function inputSplitOf(q) {
  const split = q.perMillionInputTokensSplit;
  return numberOrNull(q.perMillionInputTokens) === null || !split ? null : split;
}

/**
 * "Price with another book": the price books the caller sees (its tenant's and the public ones) and a button that
 * recomputes the quote's simulation with the chosen book's current revision (role analyst); the new quote opens at
 * its own URL (#/simulations/{id}?quote={quoteId}).
 */
function priceWithBook(quote, simulationId) {
  const select = el('select', { id: 'price-book', name: 'priceBookId' }, el('option', { value: '' }, 'Loading price books…'));
  const button = el('button', { type: 'button', id: 'recompute-quote', class: 'secondary', disabled: '' }, 'Price with this book');
  const status = el('div', { id: 'recompute-status' });
  api('/pricing/price-books').then(({ body }) => {
    const books = (body || []).filter(b => !b.archived);
    select.replaceChildren(...books.map(b => el('option', { value: b.id, ...(b.id === quote.priceBookId ? { selected: '' } : {}) },
      `${b.name} (${b.visibility}${b.isDefault ? ', default' : ''}, revision ${b.currentRevision})`)));
    button.disabled = books.length === 0;
  }, problem => { select.replaceChildren(el('option', { value: '' }, 'no price books')); status.replaceChildren(problemBox(problem)); });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren();
    try {
      const { body } = await api(`/pricing/quotes/${encodeURIComponent(quote.id)}/recompute`, { method: 'POST', body: JSON.stringify({ priceBookId: select.value || null }) });
      window.location.hash = `#/simulations/${encodeURIComponent(simulationId)}?quote=${encodeURIComponent(body.id)}`;
    } catch (problem) {
      status.replaceChildren(problemBox(problem));
      button.disabled = false;
    }
  });
  return el('div', { class: 'actions', id: 'price-with-book' }, el('label', { class: 'inline' }, 'Price book', select), button, status);
}

function renderQuote(section, quote, simulationId) {
  const heading = el('h2', {}, 'Cost per million tokens');
  if (!quote || quote.problem) {
    section.replaceChildren(heading, el('p', { class: 'notice', id: 'cost-missing' }, quote && quote.problem
      ? `No quote: ${quote.problem.title || 'pricing-service answered ' + quote.problem.status}${quote.problem.detail ? ' — ' + quote.problem.detail : ''}.`
      : 'No quote yet: pricing-service has not priced this simulation.'));
    return;
  }
  const q = quote.result || {};
  const inputSplit = inputSplitOf(q);
  const { nodes, draw } = costBreakdown('cost', 'costSplit', {
    currency: q.currency, output: numberOrNull(q.perMillionOutputTokens), outputSplit: q.perMillionOutputTokensSplit,
    input: numberOrNull(q.perMillionInputTokens), inputSplit,
    low: numberOrNull(q.perMillionOutputTokensLow), high: numberOrNull(q.perMillionOutputTokensHigh),
    blended: numberOrNull(q.perMillionBlendedTokens), blendedLabel: q.workload ? 'Per million tokens, blended at the book\'s mix' : 'Per million tokens, blended',
    useful: numberOrNull(q.perMillionUsefulOutputTokens), joules: numberOrNull(q.joulesPerOutputToken),
    missing: q.missing || [],
    notes: [`Quote ${quote.id} of price book revision ${quote.priceBookRevision} (${q.rateBasis || 'rate'}; GPU-hour ${priceIn(q.currency)(getPath(q, 'gpuHour.total'))}). `
      + (q.attribution === 'per-phase'
        ? 'Attribution per phase: prefill GPU time is priced into input tokens, decode GPU time into output tokens; idle time is not charged.'
        : 'Attribution decode-only: all replica time is charged to output tokens; input tokens are not priced.')
      + (inputSplit ? ' The input split takes the GPU-hour\'s shares (computed by pricing-service).'
        : numberOrNull(q.perMillionInputTokens) !== null ? ' This quote has no input split (it was stored before the split existed and cannot be recomputed from its pinned price-book revision): price it again to see the split.' : '')],
  });
  section.replaceChildren(heading, ...nodes, priceWithBook(quote, simulationId));
  section.setAttribute('data-quote-id', quote.id);
  section.setAttribute('data-attribution', q.attribution || '');
  draw();
}

/** Downloads an API document with the session (a plain link would not carry the Accept header). */
async function download(path, accept, filename) {
  try {
    const { body } = await api(path, { accept, raw: true });
    const url = URL.createObjectURL(new Blob([body], { type: accept }));
    const link = el('a', { href: url, download: filename, hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (problem) {
    view().prepend(problemBox(problem));
  }
}

// ------------------------------------------------------------------------------------------------ lists, compare

/** A "Compare selected" button for a table whose rows carry checkboxes named 'compare' (at least two needed). */
function compareButton(table) {
  const button = el('button', { type: 'button', id: 'compare-selected', disabled: '' }, 'Compare selected');
  table.addEventListener('change', () => {
    button.disabled = table.querySelectorAll('input[name=compare]:checked').length < 2;
  });
  button.addEventListener('click', () => {
    const ids = [...table.querySelectorAll('input[name=compare]:checked')].map(c => c.value);
    window.location.hash = '#/compare?ids=' + ids.map(encodeURIComponent).join(',');
  });
  return button;
}
const compareBox = (id, name, completed) => el('input', { type: 'checkbox', name: 'compare', value: id, 'aria-label': 'Compare ' + name,
  ...(completed ? {} : { disabled: '' }) });

async function simulationsView() {
  const root = view();
  const { body: jobs } = await api('/simulations?limit=100');
  const table = el('table', { id: 'simulations' },
    el('thead', {}, el('tr', {}, ...['', 'Name', 'Status', 'Model', 'Accelerator', 'Created'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...jobs.map(j => el('tr', { 'data-id': j.id },
      el('td', {}, compareBox(j.id, j.name, j.status === 'COMPLETED')),
      el('td', {}, el('a', { href: '#/simulations/' + encodeURIComponent(j.id) }, j.name)), el('td', {}, j.status),
      el('td', {}, j.modelId || '—'), el('td', {}, j.acceleratorId || '—'), el('td', {}, j.createdAt)))));
  const compare = compareButton(table);
  root.replaceChildren(el('h1', {}, 'Simulations'),
    el('div', { class: 'actions' }, el('a', { class: 'button', href: '#/simulate' }, 'New simulation'),
      el('a', { class: 'button secondary', href: '#/sweeps' }, 'Sweeps'), compare),
    el('p', { class: 'muted' }, 'Tick two or more completed simulations to compare them side by side.'),
    el('div', { class: 'table-wrap' }, table));
}

/** Rows of the comparison: label and how to read it from a job (with its price). */
const COMPARED = [
  ['Model', j => j.modelId || '—'], ['Accelerator', j => j.acceleratorId || '—'],
  ['Quantization', j => (j.scenario || {}).quantization || '—'],
  ['TP × PP × replicas', j => j.scenario && j.scenario.parallelism ? `${j.scenario.parallelism.tensor} × ${j.scenario.parallelism.pipeline} × ${j.scenario.replicas}` : '—'],
  ['Arrival rate (req/s)', j => fmt(getPath(j, 'scenario.workload.arrivalRate'))],
  ['ISL / OSL', j => j.scenario && j.scenario.workload ? `${j.scenario.workload.inputTokens} / ${j.scenario.workload.outputTokens}` : '—'],
  ['Output tokens/s', j => fmt(getPath(j, 'result.outputTokensPerSecond'), 0)],
  ['Output tokens/s per GPU', j => fmt(getPath(j, 'result.outputTokensPerSecondPerGpu'), 1)],
  ['Tokens/s per user', j => fmt(getPath(j, 'result.tokensPerSecondPerUser'), 1)],
  ['TTFT p50 / p99', j => getPath(j, 'result.latency') ? `${ms(j.result.latency.ttft.p50, 0)} / ${ms(j.result.latency.ttft.p99, 0)}` : ms(getPath(j, 'result.ttftSeconds'), 0)],
  ['TPOT p50 / p99', j => getPath(j, 'result.latency') ? `${ms(j.result.latency.tpot.p50)} / ${ms(j.result.latency.tpot.p99)}` : ms(getPath(j, 'result.tpotSeconds'))],
  ['E2E p99', j => ms(getPath(j, 'result.latency.e2e.p99'), 0)],
  ['SLO attainment', j => pct(getPath(j, 'result.slo.attainment'))],
  ['KV cache peak', j => pct(getPath(j, 'result.kvCache.peakFraction'))],
  ['Energy per output token (J)', j => fmt(getPath(j, 'result.joulesPerOutputToken'), 3)],
  ['Cost per M output tokens', j => getPath(j, 'price.usdPerMillionOutputTokens') === undefined || getPath(j, 'price.usdPerMillionOutputTokens') === null ? '—' : '$' + fmt(j.price.usdPerMillionOutputTokens, 4)],
  ['Quote: per M output tokens', j => quoted(j, 'perMillionOutputTokens')],
  ['Quote: per M input tokens', j => quoted(j, 'perMillionInputTokens')],
  ['Quote: output range (low – high)', j => getPath(j, 'quote.result.perMillionOutputTokensLow') === undefined || getPath(j, 'quote.result.perMillionOutputTokensLow') === null ? '—'
    : `${quoted(j, 'perMillionOutputTokensLow')} – ${quoted(j, 'perMillionOutputTokensHigh')}`],
  ['Quote: capital / energy / opex / rental per M output', j => quotedSplit(j, 'perMillionOutputTokensSplit',
    getPath(j, 'quote.result.perMillionOutputTokensSplit'))],
  ['Quote: capital / energy / opex / rental per M input', j => quotedSplit(j, 'perMillionInputTokensSplit',
    getPath(j, 'quote.result') ? inputSplitOf(j.quote.result) : null)],
];
/** A figure of a job's quote in its currency, '—' when absent. */
const quoted = (j, path) => priceIn(getPath(j, 'quote.result.currency'))(numberOrNull(getPath(j, 'quote.result.' + path)));
/**
 * A split of a job's quote as pricing-service computed it: its parts "capital / energy / opex / rental", each in a span
 * carrying data-part and the server's figure in data-value (formatting only); '—' without a split.
 */
const quotedSplit = (j, name, split) => !split ? '—' : el('span', { 'data-split': name },
  ...COST_PARTS.flatMap(([key], i) => [i ? ' / ' : null, el('span', { 'data-part': key,
    ...(numberOrNull(split[key]) !== null ? { 'data-value': String(Number(split[key])) } : {}) }, quoted(j, name + '.' + key))]));

async function compareView(params) {
  const root = view();
  const ids = (params.get('ids') || '').split(',').filter(Boolean);
  root.replaceChildren(el('h1', {}, 'Compare simulations'), el('p', { class: 'muted' }, 'Loading…'));
  if (ids.length < 2) {
    root.replaceChildren(el('h1', {}, 'Compare simulations'), el('p', { class: 'problem', role: 'alert' }, 'Pick two or more completed simulations in the list first.'),
      el('a', { href: '#/simulations' }, 'Simulations'));
    return;
  }
  const jobs = [];
  for (const id of ids.slice(0, 8)) {
    try {
      jobs.push((await api('/simulations/' + encodeURIComponent(id))).body);
    } catch (problem) {
      if (problem.status !== 404) throw problem;
      jobs.push({ id, name: 'not found: ' + id, status: 'NOT FOUND' });
    }
  }
  // a just-finished simulation is priced and quoted by pricing-service a moment after its result: wait a little for both
  await Promise.all(jobs.map(async (job, i) => {
    if (job.status !== 'COMPLETED') return;
    const priced = await withPrice(job);
    const quote = await quoteOf(job.id, 10);
    jobs[i] = { ...priced, ...(quote && !quote.problem ? { quote } : {}) };
  }));
  const chartNode = el('div', { class: 'chart', id: 'compare-chart', role: 'img', 'aria-label': 'Throughput per GPU and tokens per second per user of each simulation' });
  root.replaceChildren(el('h1', {}, 'Compare simulations'),
    el('div', { class: 'table-wrap' }, el('table', { id: 'compare-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Metric'), ...jobs.map(j => el('th', { scope: 'col', 'data-id': j.id },
        el('a', { href: '#/simulations/' + encodeURIComponent(j.id) }, j.name))))),
      el('tbody', {}, el('tr', {}, el('th', { scope: 'row' }, 'Status'), ...jobs.map(j => el('td', {}, j.status))),
        ...COMPARED.map(([label, read]) => el('tr', {}, el('th', { scope: 'row' }, label), ...jobs.map(j => el('td', { class: 'num' }, read(j)))))))),
    chartNode);
  const done = jobs.filter(j => j.status === 'COMPLETED');
  chart('compare', chartNode, {
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 70, right: 70, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: done.map(j => j.name), axisLabel: { interval: 0, overflow: 'truncate', width: 160 } },
    yAxis: [{ type: 'value', name: 'tok/s per GPU' }, { type: 'value', name: 'tok/s per user' }],
    series: [
      { name: 'output tokens/s per GPU', type: 'bar', data: done.map(j => Number(getPath(j, 'result.outputTokensPerSecondPerGpu') || 0)) },
      { name: 'tokens/s per user', type: 'bar', yAxisIndex: 1, data: done.map(j => Number(getPath(j, 'result.tokensPerSecondPerUser') || 0)) },
    ],
  });
}

// ------------------------------------------------------------------------------------------------ sweeps

/** Grid dimensions: API name, label, element rule, default text. */
const GRID = [
  ['tensor', 'Tensor parallel', { integer: true, min: 1, max: 1024 }, ''],
  ['pipeline', 'Pipeline parallel', { integer: true, min: 1, max: 1024 }, ''],
  ['expert', 'Expert parallel', { integer: true, min: 1, max: 1024 }, ''],
  ['replicas', 'Replicas', { integer: true, min: 1, max: 100000 }, ''],
  ['maxBatchSequences', 'Max sequences per batch', { integer: true, min: 1, max: 4096 }, '8, 128'],
  ['maxBatchTokens', 'Max tokens per batch', { integer: true, min: 1, max: 1048576 }, ''],
  ['arrivalRate', 'Arrival rate (req/s)', { minExclusive: 0, max: 1000000 }, '1, 8'],
  ['draftTokens', 'Draft tokens (0 = no speculation)', { integer: true, min: 0, max: 64 }, ''],
];

async function sweepsView() {
  const root = view();
  const { body: sweeps } = await api('/sweeps');
  const list = Array.isArray(sweeps) ? sweeps : (sweeps.items || []);
  root.replaceChildren(el('h1', {}, 'Sweeps'),
    el('div', { class: 'actions' }, el('a', { class: 'button', href: '#/sweeps/new' }, 'New sweep')),
    el('div', { class: 'table-wrap' }, el('table', { id: 'sweeps' },
      el('thead', {}, el('tr', {}, ...['Name', 'Status', 'Points', 'Model', 'Accelerator', 'Created'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...list.map(s => el('tr', { 'data-id': s.id },
        el('td', {}, el('a', { href: '#/sweeps/' + encodeURIComponent(s.id) }, s.name)), el('td', {}, s.status),
        el('td', { class: 'num' }, s.points), el('td', {}, s.modelId || '—'), el('td', {}, s.acceleratorId || '—'), el('td', {}, s.createdAt)))))));
}

async function newSweepView() {
  const root = view();
  root.replaceChildren(el('h1', {}, 'New sweep'), el('p', { class: 'muted' }, 'Loading the catalog…'));
  const { models, accelerators } = await catalogChoices();
  const pointsNode = el('output', { id: 'sweep-point-count' });
  const form = el('form', { id: 'sweep', novalidate: '', class: 'stack' },
    el('div', { class: 'grid' }, apiField('name', 'Sweep name', el('input', { name: 'name', value: 'Batch limit × load', required: '', maxlength: '200' }))),
    ...scenarioFieldsets('scenario.', models, accelerators, { requestCount: 500 }),
    el('details', { id: 'sweep-speculation' }, el('summary', {}, 'Speculative decoding of the points (optional; sweep it with the draft-tokens dimension)'),
      speculationFieldset('scenario.', {}, models)),
    el('fieldset', {}, el('legend', {}, 'Grid: values to try (comma-separated; empty keeps the base scenario\'s value)'),
      el('div', { class: 'grid' },
        ...GRID.map(([dim, label, , value]) => apiField('grid.' + dim, label, el('input', { name: 'grid.' + dim, value, inputmode: 'decimal', placeholder: 'e.g. 1, 2, 4' }))),
        apiField('grid.quantization', 'Quantizations', el('input', { name: 'grid.quantization', value: '', placeholder: 'e.g. BF16, FP8' }))),
      el('p', { class: 'muted' }, 'Points: ', pointsNode, ' (every combination runs as its own simulation; your plan caps the count).')),
    el('div', {}, el('button', { type: 'submit', id: 'run-sweep' }, 'Run sweep')));
  const status = el('div', { id: 'sweep-status' });
  const readGrid = () => {
    const grid = {};
    const errors = [];
    for (const [dim, , rule] of GRID) {
      const text = form.querySelector(`[name="grid.${dim}"]`).value.trim();
      if (!text) continue;
      const values = text.split(/[,;\s]+/).filter(Boolean);
      const bad = values.map((v, i) => [i, numberProblem(v, rule)]).find(([, m]) => m);
      if (bad) errors.push({ field: `grid.${dim}`, message: `value ${bad[0] + 1} (${values[bad[0]]}): ${bad[1]}` });
      else if (values.length > 64) errors.push({ field: `grid.${dim}`, message: 'size must be between 1 and 64' });
      else grid[dim] = values.map(Number);
    }
    const q = form.querySelector('[name="grid.quantization"]').value.trim();
    if (q) {
      const values = q.split(/[,;\s]+/).filter(Boolean).map(v => v.toUpperCase());
      const bad = values.find(v => !QUANTIZATIONS.includes(v));
      if (bad) errors.push({ field: 'grid.quantization', message: `${bad}: must be one of ${QUANTIZATIONS.join(', ')}` });
      else if (values.length > 8) errors.push({ field: 'grid.quantization', message: 'size must be between 1 and 8' });
      else grid.quantization = values;
    }
    return { grid, errors };
  };
  const countPoints = () => {
    const { grid } = readGrid();
    pointsNode.textContent = String(Object.values(grid).reduce((n, values) => n * values.length, 1));
  };
  form.addEventListener('input', countPoints);
  countPoints();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    status.replaceChildren();
    const name = form.querySelector('[name=name]').value;
    const { scenario, errors } = readScenario(form, 'scenario.');
    readSpeculation(form, 'scenario.', scenario, errors);
    const grid = readGrid();
    errors.push(...grid.errors);
    if ((grid.grid.draftTokens || []).some(k => k > 0) && !scenario.speculation) {
      errors.push({ field: 'grid.draftTokens', message: 'a point with draft tokens runs the scenario\'s speculation: give scenario.speculation (acceptance and drafter; its draftTokens are replaced)' });
    }
    const bad = nameProblem(name);
    if (bad) errors.unshift({ field: 'name', message: bad });
    if (errors.length) { showProblem(form, status, clientProblem(errors)); return; }
    scenario.name = name;
    try {
      const { body } = await api('/sweeps', { method: 'POST', body: JSON.stringify({ name, scenario, grid: grid.grid }) });
      window.location.hash = '#/sweeps/' + body.id;
    } catch (problem) {
      showProblem(form, status, problem);
    }
  });
  root.replaceChildren(el('h1', {}, 'New sweep'),
    el('p', { class: 'muted' }, 'A base scenario and a grid: the simulator runs every combination and draws the Pareto frontier of throughput per GPU against tokens per second per user.'),
    form, status);
}

async function sweepView(id) {
  const root = view();
  let sweep;
  try {
    ({ body: sweep } = await api('/sweeps/' + encodeURIComponent(id)));
  } catch (problem) {
    if (problem.status === 404) {
      root.replaceChildren(el('h1', {}, 'Sweep'), el('p', { id: 'not-found', class: 'problem' }, 'Not found: no sweep ' + id + ' in your tenant.'));
      return;
    }
    throw problem;
  }
  if (!['QUEUED', 'RUNNING'].includes(sweep.status)) {
    await renderSweepResult(root, sweep);
    return;
  }
  const bar = el('progress', { id: 'sweep-progress', max: '100', value: String(sweep.progress ? sweep.progress.percent : 0), 'aria-label': 'Progress' });
  const statusNode = el('strong', { id: 'sweep-state' }, sweep.status);
  const detail = el('span', { id: 'sweep-detail' }, `0 of ${sweep.points} points finished`);
  const problemNode = el('div');
  const cancel = el('button', { type: 'button', id: 'cancel-sweep', class: 'danger' }, 'Cancel sweep');
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try { await api(`/sweeps/${encodeURIComponent(id)}/cancel`, { method: 'POST' }); } catch (problem) { cancel.disabled = false; problemNode.replaceChildren(problemBox(problem)); }
  });
  root.replaceChildren(el('h1', {}, sweep.name), el('p', {}, 'Status: ', statusNode, ' ', el('span', { class: 'live', 'aria-hidden': 'true' }, '● live')),
    el('div', { class: 'progress-line' }, bar, detail), el('div', {}, cancel), problemNode);
  follow(`/sweeps/${encodeURIComponent(id)}/events`, id, state => {
    statusNode.textContent = state.status;
    bar.value = Number(state.percent || 0);
    if (state.pointsFinished !== undefined) detail.textContent = `${state.pointsFinished} of ${state.points} points finished`;
  }, async () => {
    if (!document.body.contains(root)) return;
    await renderSweepResult(root, (await api('/sweeps/' + encodeURIComponent(id))).body);
  }, async () => {
    const { body } = await api('/sweeps/' + encodeURIComponent(id));
    return { ...body, percent: body.progress ? body.progress.percent : 0 };
  });
}

async function renderSweepResult(root, sweep) {
  const id = encodeURIComponent(sweep.id);
  const header = [el('h1', {}, sweep.name), el('p', {}, 'Status: ', el('strong', { id: 'sweep-state' }, sweep.status), sweep.error ? ' — ' + sweep.error : '')];
  let result = sweep.result;
  if (!result) {
    try { ({ body: result } = await api(`/sweeps/${id}/result`)); } catch (problem) { result = null; }
  }
  if (!result) {
    root.replaceChildren(...header, el('p', { class: 'muted' }, 'No aggregated result.'));
    return;
  }
  const points = result.results || [];
  const done = points.filter(p => p.outputTokensPerSecondPerGpu !== undefined && p.outputTokensPerSecondPerGpu !== null);
  const frontier = (result.pareto || []).map(i => points.find(p => p.index === i)).filter(Boolean)
    .sort((a, b) => a.outputTokensPerSecondPerGpu - b.outputTokensPerSecondPerGpu);
  const tpot = getPath(sweep, 'scenario.slo.tpotSeconds');
  const label = (p) => Object.entries(p.parameters || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  const table = el('table', { id: 'sweep-points' },
    el('thead', {}, el('tr', {}, ...['', '#', 'Parameters', 'Status', 'tok/s per GPU', 'tok/s per user', 'TTFT p50', 'TPOT p50', 'SLO', 'Pareto'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...points.map(p => el('tr', { 'data-index': String(p.index), ...(p.pareto ? { class: 'pareto' } : {}) },
      el('td', {}, p.simulationId ? compareBox(p.simulationId, label(p), p.status === 'COMPLETED') : ''),
      el('td', { class: 'num' }, p.index),
      el('td', {}, p.simulationId ? el('a', { href: '#/simulations/' + encodeURIComponent(p.simulationId) }, label(p)) : label(p)),
      el('td', {}, p.status + (p.error ? ' — ' + p.error : '')),
      el('td', { class: 'num' }, fmt(p.outputTokensPerSecondPerGpu, 1)), el('td', { class: 'num' }, fmt(p.tokensPerSecondPerUser, 1)),
      el('td', { class: 'num' }, ms(p.ttftSeconds, 0)), el('td', { class: 'num' }, ms(p.tpotSeconds)),
      el('td', {}, p.sloMet === undefined || p.sloMet === null ? '—' : p.sloMet ? 'met' : 'missed'),
      el('td', {}, p.pareto ? '★' : '')))));
  const compare = compareButton(table);
  const chartNode = el('div', { class: 'chart tall', id: 'pareto-chart', role: 'img', 'aria-label': 'Pareto frontier: output tokens per second per GPU against tokens per second per user' });
  root.replaceChildren(...header,
    el('p', { class: 'muted' }, `${result.points} points: ${result.completed} completed, ${result.failed} failed, ${result.cancelled} cancelled. `
      + 'Up and to the right is better; the line joins the points no other point beats on both axes.'
      + (tpot ? ` The shaded band meets the TPOT objective (≥ ${fmt(1 / tpot, 1)} tokens/s per user).` : '')),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'export-sweep-json', class: 'secondary', onclick: () => download(`/sweeps/${id}/result`, 'application/json', `sweep-${sweep.id}.json`) }, 'Download JSON'),
      el('button', { type: 'button', id: 'export-sweep-csv', class: 'secondary', onclick: () => download(`/sweeps/${id}/result?format=csv`, 'text/csv', `sweep-${sweep.id}.csv`) }, 'Download CSV')),
    chartNode,
    el('div', { class: 'actions' }, compare),
    el('div', { class: 'table-wrap' }, table));
  chart('pareto', chartNode, {
    animation: false, legend: { top: 0 }, grid: { left: 70, right: 30, top: 40, bottom: 50 },
    tooltip: { formatter: q => `${q.data[2]}<br>${fmt(q.data[0], 1)} tok/s per GPU, ${fmt(q.data[1], 1)} tok/s per user` },
    xAxis: { type: 'value', name: 'output tokens/s per GPU', nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: 'tokens/s per user', scale: true },
    series: [
      { name: 'configurations', type: 'scatter', symbolSize: 10, z: 3, data: done.map(p => [p.outputTokensPerSecondPerGpu, p.tokensPerSecondPerUser, label(p)]),
        ...(tpot ? { markArea: { silent: true, itemStyle: { color: 'rgba(36, 160, 90, 0.10)' }, data: [[{ yAxis: 1 / tpot }, { yAxis: 'max' }]] } } : {}) },
      { name: 'Pareto frontier', type: 'line', symbol: 'none', lineStyle: { width: 2 }, data: frontier.map(p => [p.outputTokensPerSecondPerGpu, p.tokensPerSecondPerUser, label(p)]) },
    ],
  });
}

// ------------------------------------------------------------------------------------------------ glossary

function glossaryView() {
  const entry = (term, text) => [el('dt', {}, term), el('dd', {}, text)];
  view().replaceChildren(el('h1', {}, 'Metric glossary'), el('dl', { id: 'glossary' },
    ...entry('Output tokens/s per GPU', 'Generated (output) tokens per second over all replicas, divided by every GPU they use (TP × PP × replicas). Prompt tokens are not counted. The x axis of a sweep\'s Pareto chart.'),
    ...entry('Tokens/s per user', 'Interactivity: the decode speed one request sees, 1 / median TPOT. The y axis of the Pareto chart.'),
    ...entry('TTFT', 'Time to first token: from a request\'s arrival (queueing included) to its first output token.'),
    ...entry('TPOT', 'Time per output token after the first: (end-to-end − TTFT) / (output tokens − 1).'),
    ...entry('E2E', 'End-to-end latency: arrival to last token.'),
    ...entry('p50 … p99', 'Percentiles over every simulated request: p99 is the latency 99 % of requests stay under.'),
    ...entry('SLO attainment', 'Share of requests that met both the TTFT and the TPOT objective; the objective counts as met when its p99 is within the target.'),
    ...entry('KV-cache occupancy', 'Share of a replica\'s paged KV blocks (16 tokens each) in use: the peak and the time average over the run.'),
    ...entry('Energy per output token', 'Facility energy (GPU power × PUE, prefill included) divided by output tokens.'),
    ...entry('GPU time per million output tokens', 'GPU-hour rate × GPUs of one replica ÷ output tokens one replica makes per hour × 10⁶ (pricing-service), all replica time charged to output tokens.'),
    ...entry('Cost per million input / output tokens (quote)', 'The simulation priced with a price book: the GPU-hour split into capital (amortized hardware and facility), energy, opex and rental; with per-phase figures prefill time is charged to input tokens and decode time to output tokens. The range prices the output at the run\'s low and high decode rates.'),
    ...entry('Estimate', 'The steady-state method\'s single operating point before running: no queueing over time, no distributions; its cost charges all replica time to output tokens.'),
    ...entry('Latency histogram', 'Requests per latency bucket over the run (TTFT, TPOT, E2E).'),
    ...entry('Queue length, running sequences', 'Requests waiting for admission and sequences in the running batch, sampled over simulated time.')));
}
