// Sending the current call to the local emulator that `make demo-page` serves on this
// page's origin, through the package's CloudbaseClient (the same validation, transport and
// typed errors as on a server). A real component_access_token belongs on a server, so the
// page offers sending only when the emulator answers here.
import { $, h } from './dom.js';
import { issueItem, placeIssues } from './issues.js';

async function emulatorState() {
  const res = await fetch('/__emulator/state', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

/** Shows the send section when the emulator answers on this origin. */
export async function detectEmulator() {
  try {
    const state = await emulatorState();
    if (typeof state?.requests !== 'number') return false;
  } catch {
    return false; // not served by make demo-page: building and checking still work
  }
  $('send-origin').textContent = location.origin;
  $('send-section').hidden = false;
  $('send-unavailable').hidden = true;
  return true;
}

// Answers keep integers past 2^53 exactly, as BigInt where a number would round.
const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2);

/** The typed error's fields worth showing, in a stable order. */
function errorRows(e) {
  const keys = ['name', 'code', 'errcode', 'errname', 'errmsg', 'hint', 'requestId', 'retryable', 'outcomeUnknown', 'status', 'attempts'];
  const rows = keys.filter((k) => e?.[k] !== undefined && e?.[k] !== null && e?.[k] !== '').map((k) => [k, typeof e[k] === 'string' ? e[k] : json(e[k])]);
  rows.push(['message', e?.message ?? String(e)]);
  return rows;
}

function show(kind, title, { rows = [], answer, issues = [], note = '' } = {}) {
  const parts = [h('h4', {}, title)];
  if (answer !== undefined) parts.push(h('pre', { class: 'code', tabindex: '0' }, json(answer)));
  if (rows.length) parts.push(h('dl', {}, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  if (issues.length) parts.push(h('ul', { class: 'issue-list' }, issues.map((i) => issueItem(i, true))));
  if (note) parts.push(h('p', { class: 'hint' }, note));
  const box = $('response');
  box.className = `response ${kind}`;
  box.replaceChildren(...parts);
}

/** Sends `input` as `call` with the page's options; shows the answer or the typed error. */
export async function sendCall(wx, call, input, options, root) {
  const button = $('send');
  button.disabled = true;
  $('response').setAttribute('aria-busy', 'true');
  show('pending', `Sending ${call.name}…`);
  try {
    const client = new wx.CloudbaseClient({ ...options, baseUrl: location.origin, timeoutMs: 10000 });
    const answer = await client.call(call.name, input);
    show('ok', `${call.name}: errcode ${answer.errcode} (${answer.errmsg})`, { answer });
  } catch (e) {
    const notSent = wx.isValidationError(e) || wx.isConfigError(e);
    const issues = Array.isArray(e?.issues) ? e.issues.map((i) => ({ ...i, severity: 'error', option: wx.isConfigError(e) })) : [];
    placeIssues(issues, root, new Set());
    const note = notSent
      ? 'Nothing was sent.'
      : e?.outcomeUnknown
        ? 'The request may have arrived: check the emulator state before sending again.'
        : '';
    show('bad', `${notSent ? 'Not sent' : 'Failed'}: ${e?.name ?? 'Error'}`, { rows: errorRows(e), issues, note });
  } finally {
    button.disabled = false;
    $('response').removeAttribute('aria-busy');
  }
}

/** Empties the emulator (its services, versions, shares, counters). */
export async function resetEmulator() {
  try {
    const res = await fetch('/__emulator/reset', { method: 'POST' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    show('ok', 'Emulator reset: nothing created, no requests counted.');
  } catch (e) {
    show('bad', 'Could not reset the emulator', { rows: [['message', e.message]] });
  }
}
