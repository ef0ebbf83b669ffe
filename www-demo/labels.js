// What every field shows around its control, from its description: the label (name,
// required mark, type), the hint (doc, rules, secrecy) and the place for its issues.
import { h, richText } from './dom.js';

/** The label's parts: name, required mark, type, and the unconfirmed badge. */
export function labelParts(desc, label) {
  const name = h('code', { class: 'name' }, label);
  const parts = [name];
  if (desc.required) parts.push(h('span', { class: 'req', 'aria-hidden': 'true' }, '*'), h('span', { class: 'visually-hidden' }, ' (required)'));
  parts.push(' ', h('span', { class: 'type' }, desc.type));
  if (desc.source === 'unconfirmed') parts.push(' ', h('span', { class: 'badge' }, 'unconfirmed'));
  return { name, parts };
}

/** One rule, of a field or across fields: documented ones are errors, conventions warnings. */
export const ruleItem = (r, attrs = {}) =>
  h('li', { class: `rule ${r.source}`, ...attrs }, r.rule, ' ', h('span', { class: 'rule-source' }, r.source === 'documented' ? '(error if broken)' : '(convention: a warning)'));

/** The doc, the rules, secrecy. */
export function hint(desc, id) {
  const rules = (desc.rules ?? []).map((r) => ruleItem(r));
  return h('div', { class: 'hint', id },
    desc.doc ? h('p', {}, richText(desc.doc)) : null,
    desc.source === 'unconfirmed' ? h('p', {}, 'Not seen on a WeChat page: checked for its type only.') : null,
    desc.secret ? h('p', {}, 'A secret: ', h('code', {}, '***'), ' in the output unless you reveal secrets.') : null,
    rules.length ? h('ul', { class: 'rules' }, rules) : null);
}

/** Where a field's issues are listed; polite, and re-rendered only when they change. */
export const messages = (id) => h('div', { class: 'msgs', id, 'aria-live': 'polite' });

