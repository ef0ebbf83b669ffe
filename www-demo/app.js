// Request builder for createCloudbaseService. Every rule comes from the package's wasm
// validator (validateCreateServiceRequest); this file only reads the form, maps issue paths
// to fields and renders what the package returns. No framework, no bundler.

const PACKAGE_URL = '/pkg/dist/browser.js'; // the package's self-initialising browser entry
const PLACEHOLDER_TOKEN = 'COMPONENT_ACCESS_TOKEN';

const $ = (id) => document.getElementById(id);
const form = $('form');
const subnetList = $('subnet-list');

/** Fields whose `required` errors are shown inline: only after the user has been there. */
const touched = new Set();
let showAll = false;
let wx = null;
let built = null; // the last HttpRequest, or null when the input does not build

// ---------- reading the form ----------

/** Numbers are sent as numbers; any other text is kept as a string, so the validator
 * (not this page) says what is wrong with it. */
function numberOrText(raw) {
  const t = raw.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : raw;
}

/** Returns { input, extraKeys, extraError }. Empty optional fields are left out. */
function readForm() {
  const body = {};
  const text = (name, target = body, key = name.split('.').pop()) => {
    const v = form.elements[name].value;
    if (v !== '') target[key] = v;
  };
  const number = (name, target, key = name.split('.').pop()) => {
    const v = form.elements[name].value;
    if (v !== '') target[key] = numberOrText(v);
  };

  text('env_id');
  text('service_name');
  body.is_public = form.elements.is_public.checked;
  text('image_repo');
  text('remark');
  text('log_type');
  number('public_access', body);

  const es = {};
  number('es_info.id', es);
  text('es_info.secret_name', es);
  text('es_info.ip', es);
  number('es_info.port', es);
  text('es_info.index', es);
  text('es_info.account', es);
  text('es_info.password', es);
  if (Object.keys(es).length) body.es_info = es;

  const vpc = {};
  text('vpc_info.vpc_id', vpc);
  const subnets = [...subnetList.querySelectorAll('input')].map((i) => i.value);
  // An added row is part of the request even when empty: the validator then says so.
  if (subnets.length) vpc.subnet_ids = subnets;
  number('vpc_info.create_type', vpc);
  if (Object.keys(vpc).length) body.vpc_info = vpc;

  // Extra keys: for keys the form has no field for (e.g. a misspelling pasted from docs).
  const extraKeys = new Set();
  let extraError = null;
  const extraText = $('f-extra').value.trim();
  if (extraText) {
    try {
      const extra = JSON.parse(extraText);
      if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
        extraError = 'Extra keys must be a JSON object, like { "key": "value" }.';
      } else {
        for (const [k, v] of Object.entries(extra)) {
          if (Object.hasOwn(body, k)) continue;
          body[k] = v;
          extraKeys.add(k);
        }
      }
    } catch (e) {
      extraError = `Extra keys are not valid JSON (${e.message}); they are left out.`;
    }
  }
  return { input: body, extraKeys, extraError };
}

function options() {
  const token = form.elements.accessToken.value;
  const baseUrl = form.elements.baseUrl.value.trim();
  return { token, baseUrl, strict: form.elements.strict.checked };
}

// ---------- mapping issue paths to fields ----------

/** `es_info.port` → `es_info-port`, `vpc_info.subnet_ids[2]` → `vpc_info-subnet_ids-2`. */
const keyOf = (path) => path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).join('-');

/** The key of the field (or fieldset) an issue belongs to, or null for the summary only. */
function targetKey(path, extraKeys) {
  if (!path) return null;
  const top = path.split(/[.[]/)[0];
  if (extraKeys.has(top)) return 'extra';
  // The nearest field that exists: `vpc_info.subnet_ids[9]` falls back to the subnet list.
  let parts = keyOf(path).split('-');
  // Keys may contain '-' only through the path separators we made, since wire keys are
  // snake_case; an unknown key such as `es_info.passwd` has no field and falls back up.
  while (parts.length) {
    const key = parts.join('-');
    if ($(`m-${key}`)) return key;
    parts = parts.slice(0, -1);
  }
  return null;
}

// ---------- rendering issues ----------

function issueItem(issue, severity, withPath) {
  const li = document.createElement('li');
  li.className = `issue ${severity}`;
  li.dataset.path = issue.path;
  li.dataset.code = issue.code;
  const sev = document.createElement('span');
  sev.className = 'sev';
  sev.textContent = severity === 'error' ? 'Error' : 'Warning';
  li.append(sev, ' ');
  if (withPath) {
    const key = issue.target;
    const where = document.createElement(key ? 'a' : 'code');
    where.className = 'path';
    // A key with surrounding whitespace (the docs' `" service_name"`) is shown quoted,
    // because HTML would collapse the space.
    where.textContent = !issue.path ? '(whole request)' : issue.path.trim() !== issue.path ? JSON.stringify(issue.path) : issue.path;
    if (key) {
      where.href = `#f-${key}`;
      where.addEventListener('click', (ev) => {
        ev.preventDefault();
        focusField(key);
      });
    }
    li.append(where, ' ');
  }
  li.append(issue.message, ' ');
  const code = document.createElement('code');
  code.className = 'code-tag';
  code.textContent = issue.code;
  li.append(code);
  return li;
}

function focusField(key) {
  if (key === 'extra') $('extra-details').open = true;
  const el = $(`f-${key}`);
  const focusable = el?.matches('input, select, textarea') ? el : el?.querySelector('input, select, textarea, button');
  (focusable ?? el)?.focus();
  (el ?? focusable)?.scrollIntoView({ block: 'center' });
}

function setDescribedBy(el, msgId, on) {
  if (!el) return;
  if (el.dataset.baseDescribedby === undefined) el.dataset.baseDescribedby = el.getAttribute('aria-describedby') ?? '';
  const ids = el.dataset.baseDescribedby.split(' ').filter(Boolean);
  if (on) ids.push(msgId);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

function renderIssues(all) {
  // Clear every field's messages and state first.
  for (const box of form.querySelectorAll('.msgs')) {
    box.replaceChildren();
    const key = box.id.slice(2);
    const control = $(`f-${key}`);
    if (control?.matches('input, select, textarea')) control.removeAttribute('aria-invalid');
    setDescribedBy(control, box.id, false);
    box.closest('.field, fieldset')?.classList.remove('has-error', 'has-warning');
  }

  const byKey = new Map();
  for (const issue of all) {
    if (!issue.target) continue;
    const inline = showAll || issue.code !== 'required' || touched.has(issue.target);
    if (!inline) continue;
    if (!byKey.has(issue.target)) byKey.set(issue.target, []);
    byKey.get(issue.target).push(issue);
  }
  for (const [key, issues] of byKey) {
    const box = $(`m-${key}`);
    const list = document.createElement('ul');
    list.className = 'issue-list';
    for (const issue of issues) list.append(issueItem(issue, issue.severity, issue.path !== pathOfKey(key)));
    box.append(list);
    const control = $(`f-${key}`);
    const hasError = issues.some((i) => i.severity === 'error');
    if (control?.matches('input, select, textarea') && hasError) control.setAttribute('aria-invalid', 'true');
    setDescribedBy(control, box.id, true);
    box.closest('.field, fieldset')?.classList.add(hasError ? 'has-error' : 'has-warning');
  }

  // The summary lists everything, including issues with no field (the whole request,
  // unknown keys) and required fields not visited yet.
  const errors = all.filter((i) => i.severity === 'error');
  const warnings = all.filter((i) => i.severity === 'warning');
  const list = $('summary-list');
  list.replaceChildren(...errors.map((i) => issueItem(i, 'error', true)), ...warnings.map((i) => issueItem(i, 'warning', true)));
  const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = $('summary');
  summary.classList.toggle('bad', errors.length > 0);
  summary.classList.toggle('warn', errors.length === 0 && warnings.length > 0);
  summary.classList.toggle('good', all.length === 0);
  $('summary-text').textContent = errors.length
    ? `Not built: ${count(errors.length, 'error')}${warnings.length ? ` and ${count(warnings.length, 'warning')}` : ''}. Nothing would be sent until the errors are fixed.`
    : warnings.length
      ? `Valid, with ${count(warnings.length, 'warning')}: the request is sent as it is (turn on strict mode to block it).`
      : 'Valid: no errors, no warnings.';
}

/** The issue path a field key stands for (to avoid repeating the path next to its own field). */
function pathOfKey(key) {
  const el = $(`f-${key}`);
  return el?.name || key.replace(/-(\d+)(?=-|$)/g, '[$1]').replace(/-/g, '.');
}

// ---------- building and showing the request ----------

const redactUrl = (url) => url.replace(/([?&]access_token=)[^&#]*/g, '$1***');

function redactBody(text) {
  const body = JSON.parse(text);
  if (body?.es_info && typeof body.es_info === 'object' && 'password' in body.es_info) body.es_info.password = '***';
  return body;
}

function renderOutputs() {
  const reveal = $('reveal').checked;
  const views = ['out-http', 'out-body', 'out-curl'].map($);
  if (!built) {
    for (const v of views) {
      v.textContent = 'Not built: fix the errors listed above.';
      v.classList.add('muted');
    }
    for (const b of document.querySelectorAll('button.copy')) b.disabled = true;
    return;
  }
  for (const v of views) v.classList.remove('muted');
  for (const b of document.querySelectorAll('button.copy')) b.disabled = false;
  const headers = Object.entries(built.headers).map(([k, v]) => `${k}: ${v}`);
  $('out-http').textContent = [`${built.method} ${reveal ? built.url : redactUrl(built.url)}`, ...headers].join('\n');
  $('out-body').textContent = JSON.stringify(reveal ? JSON.parse(built.body) : redactBody(built.body), null, 2);
  $('out-curl').textContent = wx.toCurl(built, { revealSecrets: reveal });
}

// A request that always builds, to check the options while the body still has errors.
const PROBE = { env_id: 'probe-0000000000000000', service_name: 'probe', is_public: false };

function update() {
  if (!wx) return;
  const { input, extraKeys, extraError } = readForm();
  const { token, baseUrl, strict } = options();
  const report = wx.validateCreateServiceRequest(input, { strict });
  const buildOpts = { accessToken: token || PLACEHOLDER_TOKEN, strict, ...(baseUrl ? { baseUrl } : {}) };

  const issues = [
    ...report.errors.map((i) => ({ ...i, severity: 'error' })),
    ...report.warnings.map((i) => ({ ...i, severity: 'warning' })),
  ];
  built = null;
  try {
    built = wx.buildCreateServiceRequest(report.ok ? input : PROBE, buildOpts);
    if (!report.ok) built = null;
  } catch (e) {
    // ConfigError: bad options (paths are option names: baseUrl, accessToken).
    // ValidationError cannot happen after report.ok, but show it if it ever does.
    if (wx.isConfigError(e) || wx.isValidationError(e)) {
      for (const i of e.issues) if (!issues.some((j) => j.path === i.path && j.code === i.code)) issues.push({ ...i, severity: 'error' });
    } else {
      issues.push({ path: '', code: 'internal', message: `unexpected error: ${e?.message ?? e}`, severity: 'error' });
    }
  }
  if (extraError) issues.push({ path: 'extra', code: 'json', message: extraError, severity: 'error', local: true });
  for (const i of issues) i.target = i.local ? 'extra' : targetKey(i.path, extraKeys);
  if (extraError) built = null;

  renderIssues(issues);
  renderOutputs();
  $('response-stale').hidden = lastSent === null || lastSent === sentKey(input);
}

/** What a send depends on, to tell when the answer shown no longer matches the form. */
let lastSent = null;
const sentKey = (input) => JSON.stringify([input, options()]);

// ---------- subnet rows ----------

function renumberSubnets() {
  [...subnetList.children].forEach((row, i) => {
    const key = `vpc_info-subnet_ids-${i}`;
    const input = row.querySelector('input');
    const label = row.querySelector('label');
    const msgs = row.querySelector('.msgs');
    input.id = `f-${key}`;
    input.name = `vpc_info.subnet_ids[${i}]`;
    label.htmlFor = input.id;
    label.textContent = `subnet_ids[${i}]`;
    msgs.id = `m-${key}`;
    input.removeAttribute('aria-describedby');
    delete input.dataset.baseDescribedby;
    row.querySelector('button.remove').setAttribute('aria-label', `Remove subnet_ids[${i}]`);
  });
}

function addSubnet(value = '') {
  const row = $('subnet-row').content.firstElementChild.cloneNode(true);
  row.querySelector('input').value = value;
  subnetList.append(row);
  renumberSubnets();
  return row.querySelector('input');
}

$('add-subnet').addEventListener('click', () => {
  addSubnet().focus();
  update();
});

subnetList.addEventListener('click', (ev) => {
  const button = ev.target.closest('button.remove');
  if (!button) return;
  const row = button.closest('li');
  const next = row.nextElementSibling ?? row.previousElementSibling;
  row.remove();
  renumberSubnets();
  (next?.querySelector('input') ?? $('add-subnet')).focus();
  update();
});

// ---------- events ----------

function touch(target) {
  if (target?.id?.startsWith('f-')) touched.add(target.id.slice(2));
}
form.addEventListener('input', (ev) => {
  touch(ev.target);
  update();
});
form.addEventListener('change', (ev) => {
  touch(ev.target);
  update();
});
form.addEventListener('focusout', (ev) => {
  // Leaving a required field empty is when "required" becomes worth saying.
  if (ev.target.required && !touched.has(ev.target.id.slice(2))) {
    touch(ev.target);
    update();
  }
});
form.addEventListener('submit', (ev) => ev.preventDefault());
$('reveal').addEventListener('change', renderOutputs);

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API unavailable (insecure origin, denied): the old way.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

for (const button of document.querySelectorAll('button.copy')) {
  button.addEventListener('click', async () => {
    const pre = $(button.dataset.copy);
    const what = $(pre.getAttribute('aria-labelledby')).textContent;
    const ok = await copyText(pre.textContent);
    const redacted = $('reveal').checked ? 'with secrets' : 'secrets redacted';
    $('copy-status').textContent = ok ? `Copied ${what} (${redacted}).` : `Could not copy ${what}: select the text and copy it.`;
    button.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
}

// ---------- sending to the local emulator ----------

function describeError(e) {
  const rows = [];
  const add = (k, v) => v !== undefined && v !== null && v !== '' && rows.push([k, typeof v === 'string' ? v : JSON.stringify(v)]);
  add('name', e?.name);
  add('code', e?.code);
  add('errcode', e?.errcode);
  add('errname', e?.errname);
  add('errmsg', e?.errmsg);
  add('hint', e?.hint);
  add('retryable', e?.retryable);
  add('outcomeUnknown', e?.outcomeUnknown);
  add('status', e?.status);
  add('attempts', e?.attempts);
  add('message', e?.message ?? String(e));
  return rows;
}

async function emulatorState() {
  const res = await fetch('/__emulator/state', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

function showResponse(kind, title, rows, issues = [], extra = '') {
  const box = $('response');
  box.className = `response ${kind}`;
  const h = document.createElement('h4');
  h.textContent = title;
  const dl = document.createElement('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  const parts = [h];
  if (rows.length) parts.push(dl);
  if (issues.length) {
    const ul = document.createElement('ul');
    ul.className = 'issue-list';
    ul.append(...issues.map((i) => issueItem({ ...i, target: targetKey(i.path, new Set()) }, 'error', true)));
    parts.push(ul);
  }
  if (extra) {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = extra;
    parts.push(p);
  }
  box.replaceChildren(...parts);
}

async function send() {
  const button = $('send');
  showAll = true; // after a send attempt every field's issues are worth showing
  update();
  const { input } = readForm();
  const { token, strict } = options();
  lastSent = sentKey(input);
  $('response-stale').hidden = true;
  button.disabled = true;
  $('response').setAttribute('aria-busy', 'true');
  showResponse('pending', 'Sending…', []);
  try {
    const res = await wx.createService(input, { accessToken: token, baseUrl: location.origin, strict, timeoutMs: 10000 });
    const pre = document.createElement('pre');
    pre.className = 'code';
    pre.textContent = JSON.stringify(res, null, 2);
    let extra = '';
    try {
      const state = await emulatorState();
      extra = `The emulator now holds ${state.services.length} service${state.services.length === 1 ? '' : 's'}.`;
    } catch {
      extra = '';
    }
    showResponse('ok', `Created: errcode ${res.errcode} (${res.errmsg})`, [], [], extra);
    $('response').insertBefore(pre, $('response').children[1] ?? null);
  } catch (e) {
    const kind = wx.isValidationError(e) || wx.isConfigError(e) ? 'Not sent' : 'Failed';
    const extra = wx.isValidationError(e) || wx.isConfigError(e)
      ? 'Nothing was sent.'
      : e?.outcomeUnknown
        ? 'The request may have arrived: check whether the service exists before trying again.'
        : '';
    showResponse('bad', `${kind}: ${e?.name ?? 'Error'}`, describeError(e), Array.isArray(e?.issues) ? e.issues : [], extra);
  } finally {
    button.disabled = false;
    $('response').removeAttribute('aria-busy');
  }
}

$('send').addEventListener('click', send);
$('reset-emulator').addEventListener('click', async () => {
  try {
    const res = await fetch('/__emulator/reset', { method: 'POST' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    lastSent = null;
    $('response-stale').hidden = true;
    showResponse('ok', 'Emulator reset: no services, no requests.', []);
  } catch (e) {
    showResponse('bad', 'Could not reset the emulator', [['message', e.message]]);
  }
});

async function detectEmulator() {
  try {
    const state = await emulatorState();
    if (typeof state?.requests !== 'number') return;
    $('send-origin').textContent = location.origin;
    $('send-section').hidden = false;
    $('send-unavailable').hidden = true;
  } catch {
    // Not served by make demo-page: building and checking still work.
  }
}

// ---------- start ----------

async function main() {
  const status = $('load-status');
  const emulatorReady = detectEmulator();
  try {
    wx = await import(PACKAGE_URL);
  } catch (e) {
    document.body.dataset.state = 'error';
    status.textContent = `Could not load the package from ${PACKAGE_URL} (${e?.message ?? e}). Serve this page with make demo-page after make pkg.`;
    status.classList.add('bad');
    return;
  }
  status.textContent = 'Validator loaded: checks run in your browser as you type.';
  status.classList.add('good');
  update();
  await emulatorReady;
  document.body.dataset.state = 'ready';
}

main();
