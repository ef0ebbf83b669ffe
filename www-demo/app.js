// Request builder for every call of the package. Everything about the calls (their names,
// fields, types, docs, rules, examples) comes from the package's describeCalls(); every
// check comes from its validator (Rust compiled to WebAssembly). This file loads the
// package, keeps one view per call and re-validates on every change.
// Modules: picker.js (call picker) · view.js (a call's form) · fields.js, lists.js,
// labels.js (controls from descriptions) · describe.js (reading descriptions) ·
// issues.js (issues beside fields, the summary) · output.js (HTTP, body, curl) ·
// send.js (the local emulator) · dom.js (helpers).
import { $ } from './dom.js';
import { placeIssues, renderInline, renderSummary, touch } from './issues.js';
import { renderOutputs, wireCopyButtons } from './output.js';
import { wirePicker } from './picker.js';
import { detectEmulator, resetEmulator, sendCall } from './send.js';
import { createView } from './view.js';

// The package as a browser gets it: serve-demo.mjs maps this URL to the file
// pkg/package.json's exports["."] names for browsers, whatever the build calls it.
const PACKAGE_URL = '/pkg/entry.js';
// Building needs a token; until one is typed in, the views show this one.
const PLACEHOLDER_TOKEN = 'COMPONENT_ACCESS_TOKEN';

const form = $('form');
const views = new Map();
let wx = null;
let current = null;

/** The options of the connection fieldset, as the package names them. */
function options() {
  const rules = { strict: $('opt-strict').checked, allowUnknownKeys: $('opt-allowUnknownKeys').checked };
  const baseUrl = $('opt-baseUrl').value.trim();
  return { accessToken: $('opt-accessToken').value, ...(baseUrl ? { baseUrl } : {}), rules };
}

const withSeverity = (list, severity, extra = {}) => list.map((i) => ({ ...i, severity, ...extra }));

/** Builds the request, or returns the ConfigError's issues. While the body has errors, the
 * call's example is built instead (and thrown away) so that bad options still show. */
function build(call, input, ok, opts) {
  const buildOpts = { accessToken: opts.accessToken || PLACEHOLDER_TOKEN, ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) };
  try {
    const req = ok
      ? wx.buildRequest(call.name, input, { ...buildOpts, ...opts.rules })
      : wx.buildRequest(call.name, call.example, { ...buildOpts, allowUnknownKeys: true });
    return { built: ok ? req : null, issues: [] };
  } catch (e) {
    if (wx.isConfigError(e)) return { built: null, issues: withSeverity(e.issues, 'error', { option: true }) };
    // The validated input cannot fail validation again; the example failing is no news.
    if (wx.isValidationError(e)) return { built: null, issues: ok ? withSeverity(e.issues, 'error') : [] };
    return { built: null, issues: [{ path: '', code: 'internal', message: `unexpected error: ${e?.message ?? e}`, severity: 'error' }] };
  }
}

function update() {
  if (!wx || !current) return;
  const { call } = current;
  const { input, extraKeys, problems } = current.read();
  const opts = options();
  const report = wx.validateRequest(call.name, input, opts.rules);
  const result = build(call, input, report.ok && problems.length === 0, opts);
  const issues = [
    ...withSeverity(report.errors, 'error'),
    ...withSeverity(problems, 'error'),
    ...result.issues,
    ...withSeverity(report.warnings, 'warning'),
  ];
  placeIssues(issues, form, extraKeys);
  renderInline(form, issues, current.showAll);
  renderSummary(issues, result.built);
  renderOutputs(wx, call, result.built);
  $('response-stale').hidden = current.lastSent === null || current.lastSent === sentKey(input, opts);
}

/** What an answer depends on, to tell when the one shown no longer matches the form. */
const sentKey = (input, opts) => JSON.stringify([current.call.name, input, opts]);

function pick(call) {
  const response = $('response');
  // Each call keeps its last answer with its values, so the "changed since" note and the
  // answer shown always belong to the call on screen.
  if (current) current.answer = { className: response.className, nodes: [...response.childNodes] };
  if (!views.has(call.name)) views.set(call.name, createView(call, { changed: update }));
  current = views.get(call.name);
  $('call-view').replaceChildren(current.el);
  response.className = current.answer?.className ?? 'response';
  response.replaceChildren(...(current.answer?.nodes ?? []));
  document.title = `${call.name} request builder · wx-cloudbase-service`;
  update();
}

form.addEventListener('input', (ev) => {
  touch(ev.target);
  update();
});
form.addEventListener('change', update);
form.addEventListener('focusout', (ev) => {
  // Leaving a required field empty is when "required" becomes worth saying.
  if (ev.target.matches('[aria-required="true"]') && !('touched' in (ev.target.closest('[data-path]')?.dataset ?? {}))) {
    touch(ev.target);
    update();
  }
});
form.addEventListener('submit', (ev) => ev.preventDefault());
$('reveal').addEventListener('change', update);
wireCopyButtons();

$('send').addEventListener('click', async () => {
  current.showAll = true;
  update();
  const { input } = current.read();
  const opts = options();
  current.lastSent = sentKey(input, opts);
  $('response-stale').hidden = true;
  await sendCall(wx, current.call, input, { accessToken: opts.accessToken, ...opts.rules }, form);
});
$('reset-emulator').addEventListener('click', async () => {
  for (const v of views.values()) {
    v.lastSent = null;
    if (v !== current) v.answer = null; // answers about what the emulator no longer holds
  }
  $('response-stale').hidden = true;
  await resetEmulator();
});

async function main() {
  const status = $('load-status');
  const emulator = detectEmulator();
  try {
    wx = await import(PACKAGE_URL);
  } catch (e) {
    document.body.dataset.state = 'error';
    status.textContent = `Could not load the package from ${PACKAGE_URL} (${e?.message ?? e}). Serve this page with make demo-page after make pkg.`;
    status.classList.add('bad');
    return;
  }
  const calls = wx.describeCalls();
  status.textContent = `Validator loaded: ${calls.length} call${calls.length === 1 ? '' : 's'}, checked in your browser as you type.`;
  status.classList.add('good');
  wirePicker(calls, pick);
  await emulator;
  document.body.dataset.state = 'ready';
}

main();
