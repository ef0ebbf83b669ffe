// Form controls built from field descriptions. Each field becomes a node:
//   { el, read(problems, inArray), write(value), rename(path, label), focus(), actions }
// `el` carries `data-path` (the issue path the validator uses for it), which is how issues
// find their field; ids exist only to tie labels, hints and messages to controls.
import { h, uniqueId } from './dom.js';
import { childPath, kindOf, choicesOf } from './describe.js';
import { hint, labelParts, messages } from './labels.js';
import { arrayNode } from './lists.js';

/** Text that reads as a number is sent as one; other text is sent as typed, so that the
 * validator, not this page, says what is wrong with it. */
function numberOrText(raw) {
  const t = raw.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : raw;
}

/** What an empty control inside an array sends: an added row is part of the request, so
 * the validator reports it rather than the row silently vanishing. */
const EMPTY_ENTRY = { text: '', 'numeric-text': '', 'json-text': '', number: '' };

function control(kind, desc, id) {
  const common = { id, 'aria-required': desc.required ? 'true' : null, spellcheck: 'false', autocomplete: 'off' };
  if (kind === 'boolean' || kind === 'choice') {
    const none = h('option', { value: '' }, desc.required ? 'choose…' : 'not sent');
    const options = kind === 'boolean'
      ? [true, false].map((v) => h('option', { value: JSON.stringify(v) }, String(v)))
      : choicesOf(desc).map((c) => h('option', { value: JSON.stringify(c.value) }, c.label ? `${c.value} — ${c.label}` : String(c.value)));
    return h('select', { id, 'aria-required': common['aria-required'] }, none, options);
  }
  // A secret is never echoed on screen, even JSON text (a password input has one line).
  if ((kind === 'json-text' || kind === 'json') && !desc.secret) return h('textarea', { ...common, rows: 2, class: 'mono' });
  const inputmode = kind === 'number' ? (desc.type === 'integer' ? 'numeric' : 'decimal') : kind === 'numeric-text' ? 'decimal' : null;
  return h('input', { ...common, type: desc.secret ? 'password' : 'text', inputmode, autocomplete: desc.secret ? 'new-password' : 'off' });
}

function scalarNode(desc, path, label, kind) {
  const id = uniqueId('f');
  const hintId = uniqueId('h');
  const msgsId = uniqueId('m');
  const input = control(kind, desc, id);
  // Its issues first, then its doc: an empty message box describes nothing.
  input.setAttribute('aria-describedby', `${msgsId} ${hintId}`);
  const { name, parts } = labelParts(desc, label);
  // The row's Remove button, for an entry of an array, goes beside the control.
  const actions = h('div', { class: 'inline' }, input);
  const el = h('div', { class: 'field', 'data-path': path, 'data-kind': kind }, h('label', { for: id }, parts), actions, messages(msgsId), hint(desc, hintId));
  return {
    el,
    actions,
    read(problems, inArray) {
      const raw = input.value;
      if (raw === '') return inArray ? (EMPTY_ENTRY[kind] ?? null) : undefined;
      if (kind === 'boolean' || kind === 'choice') return JSON.parse(raw);
      if (kind === 'number') return numberOrText(raw);
      if (kind !== 'json') return raw;
      try {
        return JSON.parse(raw);
      } catch (e) {
        problems.push({ path: el.dataset.path, code: 'json', message: `not valid JSON (${e.message}), so it is left out` });
        return undefined;
      }
    },
    write(value) {
      if (value === undefined || value === null) input.value = '';
      else if (kind === 'boolean' || kind === 'choice') {
        const v = JSON.stringify(value);
        if (![...input.options].some((o) => o.value === v)) input.append(h('option', { value: v }, String(value)));
        input.value = v;
      } else if (kind === 'json') input.value = JSON.stringify(value, null, 2);
      else input.value = typeof value === 'string' ? value : JSON.stringify(value);
    },
    rename(newPath, newLabel) {
      el.dataset.path = newPath;
      name.textContent = newLabel;
    },
    focus: () => input.focus(),
  };
}

/** The fields of an object into `box`; unconfirmed ones behind a disclosure, since a call
 * may have many and they are checked for their type only. */
function childNodes(fields, path, ctx, box) {
  const children = fields.map((f) => ({ name: f.name, node: buildNode(f, childPath(path, f.name), f.name, ctx) }));
  const more = children.filter((_, i) => fields[i].source === 'unconfirmed');
  box.append(...children.filter((c) => !more.includes(c)).map((c) => c.node.el));
  if (more.length) {
    box.append(h('details', { class: 'more' },
      h('summary', {}, `${more.length} more field${more.length === 1 ? '' : 's'} (unconfirmed)`),
      more.map((c) => c.node.el)));
  }
  return children;
}

function readChildren(children, problems) {
  const out = {};
  for (const { name, node } of children) {
    const v = node.read(problems, false);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function writeChildren(children, value) {
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  for (const c of children) c.node.write(obj[c.name]);
}

function objectNode(desc, path, label, ctx) {
  const { name, parts } = labelParts(desc, label);
  const hintId = uniqueId('h');
  const msgsId = uniqueId('m');
  const box = h('div', { class: 'children' });
  const actions = h('div', { class: 'row-actions' });
  const el = h('fieldset', { class: 'object', 'data-path': path, 'aria-describedby': `${msgsId} ${hintId}` },
    h('legend', {}, parts), messages(msgsId), hint(desc, hintId), box, actions);
  const children = childNodes(desc.fields, path, ctx, box);
  return {
    el,
    actions,
    read(problems, inArray) {
      const out = readChildren(children, problems);
      // Nothing filled in: the object is left out (the validator then says if it is required).
      return Object.keys(out).length || inArray ? out : undefined;
    },
    write: (value) => writeChildren(children, value),
    rename(newPath, newLabel) {
      el.dataset.path = newPath;
      name.textContent = newLabel;
      for (const c of children) c.node.rename(childPath(newPath, c.name), c.name);
    },
    focus: () => children[0]?.node.focus(),
  };
}

/** The node of any field (or array entry, whose `desc` has no name, doc or required). */
function buildNode(desc, path, label, ctx) {
  const kind = kindOf(desc);
  if (kind === 'object') return objectNode(desc, path, label, ctx);
  if (kind === 'array') return arrayNode(desc, path, label, ctx, buildNode);
  return scalarNode(desc, path, label, kind);
}

/** The request body of a call: its fields, always sent as an object (`{}` when empty). */
export function bodyNode(call, ctx) {
  const box = h('div', { class: 'children' });
  const children = childNodes(call.fields, '', ctx, box);
  const el = h('fieldset', { class: 'body', 'data-path': '' },
    h('legend', {}, 'Body ', h('span', { class: 'opt' }, `(${call.body}, JSON)`)),
    messages(uniqueId('m')),
    children.length ? null : h('p', { class: 'hint' }, 'This call has no fields: its body is ', h('code', {}, '{}'), '.'),
    box);
  return {
    el,
    read: (problems) => readChildren(children, problems),
    write: (value) => writeChildren(children, value),
  };
}
