// One call's part of the form: what the call is, its body's fields, and a box for keys the
// call does not declare. Views are kept when the picker moves on, so switching back finds
// the values as they were left.
import { h, richText, uniqueId } from './dom.js';
import { bodyNode } from './fields.js';
import { messages, ruleItem } from './labels.js';

const EFFECT = {
  reads: 'Only reads: the client retries it after an ambiguous failure.',
  changes: 'Changes something: the client never sends it twice blindly.',
};

function extraBox() {
  const id = uniqueId('f');
  const hintId = uniqueId('h');
  const msgsId = uniqueId('m');
  const input = h('textarea', { id, rows: 3, spellcheck: 'false', class: 'mono', placeholder: '{ "key": "value" }', 'aria-describedby': `${msgsId} ${hintId}` });
  const field = h('div', { class: 'field', 'data-extra': '' },
    h('label', { for: id }, 'Keys merged into the body, for keys the form has no field for'),
    input,
    messages(msgsId),
    h('p', { class: 'hint', id: hintId }, 'A JSON object. The form’s fields win over keys of the same name. A misspelt key shows the “did you mean” the validator gives.'));
  return { input, el: h('details', { class: 'extra' }, h('summary', {}, 'Extra keys (JSON)'), field) };
}

/** Reads the extra keys into `body` (form fields win); a problem is reported, not thrown. */
function mergeExtra(text, body, problems) {
  const keys = new Set();
  if (!text.trim()) return keys;
  let extra;
  try {
    extra = JSON.parse(text);
  } catch (e) {
    problems.push({ path: '', extra: true, code: 'json', message: `Extra keys are not valid JSON (${e.message}), so they are left out.` });
    return keys;
  }
  if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
    problems.push({ path: '', extra: true, code: 'json', message: 'Extra keys must be a JSON object, like { "key": "value" }.' });
    return keys;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (Object.hasOwn(body, k)) continue;
    body[k] = v;
    keys.add(k);
  }
  return keys;
}

/** The call's rules over several fields, worded as the validator states them. */
function crossRules(call) {
  const rules = call.crossRules ?? [];
  if (rules.length === 0) return null;
  return h('div', { class: 'cross-rules' },
    h('p', {}, 'Rules across fields:'),
    h('ul', { class: 'rules' }, rules.map((r) => ruleItem(r, { 'data-rule': r.name }))));
}

/** The view of `call`; `ctx.changed()` is called after a change the input events miss. */
export function createView(call, ctx) {
  const body = bodyNode(call, ctx);
  const extra = extraBox();
  const titleId = uniqueId('t');
  const fill = h('button', { type: 'button', class: 'secondary' }, 'Fill in the example');
  const clear = h('button', { type: 'button', class: 'secondary' }, 'Clear');
  const el = h('section', { class: 'call-view', 'data-call': call.name, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, h('code', {}, call.name)),
    h('p', { class: 'call-title' }, richText(call.title)),
    h('p', { class: 'call-meta' }, h('code', {}, `POST ${call.path}`), ' · ', EFFECT[call.effect] ?? call.effect),
    crossRules(call),
    call.fields.length ? h('div', { class: 'actions' }, fill, clear) : null,
    body.el,
    extra.el);

  const view = {
    call,
    el,
    /** After a send every issue is worth showing, visited or not. */
    showAll: false,
    /** The input and options of the last send, to say when the answer shown is stale. */
    lastSent: null,
    /** The answer area while another call is on screen. */
    answer: null,
    read() {
      const problems = [];
      const input = body.read(problems);
      const extraKeys = mergeExtra(extra.input.value, input, problems);
      return { input, extraKeys, problems };
    },
    reset(value) {
      body.write(value);
      extra.input.value = '';
      for (const w of el.querySelectorAll('[data-touched]')) delete w.dataset.touched;
      view.showAll = false;
      ctx.changed();
    },
  };
  fill.addEventListener('click', () => view.reset(call.example));
  clear.addEventListener('click', () => view.reset({}));
  return view;
}
