// Small DOM helpers. Text always goes in as text nodes, never as HTML: the docs and the
// validator's messages are data.

export const $ = (id) => document.getElementById(id);

/** `h('p', { class: 'hint', id }, 'text', child)`. Attributes that are `null`, `undefined`
 * or `false` are left out; `true` sets an empty attribute. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A doc string with its `code` spans as <code> elements. An unpaired backtick stays text. */
export function richText(text) {
  const parts = String(text).split('`');
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`${parts.at(-1)}`);
  return parts.map((part, i) => (i % 2 ? h('code', {}, part) : part)).filter((p) => p !== '');
}

let lastId = 0;
/** A document-unique id: labels and descriptions point at ids, lookups use data-path. */
export const uniqueId = (prefix) => `${prefix}-${++lastId}`;

/** `n thing` / `n things`. */
export const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Sets an element's children only when `key` differs from the last one rendered, so that
 * a live region announces a change, not every keystroke. */
export function renderOnce(el, key, build) {
  if (el.dataset.rendered === key) return false;
  el.dataset.rendered = key;
  el.replaceChildren(...build());
  return true;
}
