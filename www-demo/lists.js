// Array fields: a list of entries with Add and Remove buttons. Removing an entry renames
// the ones after it (their paths and labels), so issue paths keep pointing at the right row.
import { h, uniqueId } from './dom.js';
import { itemPath } from './describe.js';
import { hint, labelParts, messages } from './labels.js';

/** `build(desc, path, label, ctx)` builds one entry: fields.js's buildNode, passed in so
 * that this module does not import the one that imports it. `ctx.changed()` re-validates. */
export function arrayNode(desc, path, label, ctx, build) {
  const { name, parts } = labelParts(desc, label);
  const hintId = uniqueId('h');
  const msgsId = uniqueId('m');
  const list = h('ol', { class: 'entries' });
  const add = h('button', { type: 'button', class: 'secondary add' }, 'Add entry');
  const actions = h('div', { class: 'row-actions' });
  const el = h('fieldset', { class: 'array', 'data-path': path, 'aria-describedby': `${msgsId} ${hintId}` },
    h('legend', {}, parts), messages(msgsId), hint(desc, hintId), list, h('div', { class: 'actions' }, add), actions);
  let arrayPath = path;
  let arrayLabel = label;
  const rows = [];

  const entryLabel = (i) => `${arrayLabel}[${i}]`;
  function relabel() {
    add.setAttribute('aria-label', `Add an entry to ${arrayLabel}`);
    rows.forEach((row, i) => {
      row.node.rename(itemPath(arrayPath, i), entryLabel(i));
      row.remove.setAttribute('aria-label', `Remove ${entryLabel(i)}`);
    });
  }

  function addRow(value) {
    const i = rows.length;
    const node = build(desc.items, itemPath(arrayPath, i), entryLabel(i), ctx);
    const remove = h('button', { type: 'button', class: 'secondary remove' }, 'Remove');
    node.actions.append(remove);
    const row = { node, remove, li: h('li', { class: 'entry' }, node.el) };
    remove.addEventListener('click', () => removeRow(row));
    rows.push(row);
    list.append(row.li);
    if (value !== undefined) node.write(value);
    return row;
  }

  function removeRow(row) {
    const i = rows.indexOf(row);
    rows.splice(i, 1);
    row.li.remove();
    relabel();
    // Focus stays in the list: the entry that took this one's place, or the one before.
    const next = rows[i] ?? rows[i - 1];
    if (next) next.node.focus();
    else add.focus();
    ctx.changed();
  }

  add.addEventListener('click', () => {
    addRow().node.focus();
    relabel();
    ctx.changed();
  });
  relabel();

  return {
    el,
    actions,
    read(problems) {
      return rows.length ? rows.map((r) => r.node.read(problems, true)) : undefined;
    },
    write(value) {
      for (const row of rows.splice(0)) row.li.remove();
      for (const v of Array.isArray(value) ? value : []) addRow(v);
      relabel();
    },
    rename(newPath, newLabel) {
      el.dataset.path = newPath;
      name.textContent = newLabel;
      arrayPath = newPath;
      arrayLabel = newLabel;
      relabel();
    },
    focus: () => (rows[0] ? rows[0].node.focus() : add.focus()),
  };
}
