// Issues next to the field their path names, and all of them in the summary with counts.
// An issue is { path, code, message, severity: 'error'|'warning' } plus where it came from:
// `option` (a ConfigError's path names an option) or `extra` (the extra-keys box).
import { $, count, h, renderOnce } from './dom.js';
import { parentPath, topKey } from './describe.js';

const CONTROL = 'input, select, textarea';
// Wrappers that show issues: call fields (data-path), options (data-option), extra keys.
const WRAPPERS = '[data-path], [data-option], [data-extra]';

/** Sets `issue.target`: the wrapper of the nearest field up its path (an unknown key
 * `obj.misspelt` lands on obj), or null when only the summary can show it. */
export function placeIssues(issues, root, extraKeys) {
  const byPath = new Map([...root.querySelectorAll('[data-path]')].map((el) => [el.dataset.path, el]));
  for (const issue of issues) {
    if (issue.option) {
      issue.target = root.querySelector(`[data-option="${CSS.escape(issue.path)}"]`);
    } else if (issue.extra || extraKeys.has(topKey(issue.path))) {
      issue.target = root.querySelector('[data-extra]');
    } else {
      let path = issue.path;
      while (path !== null && !byPath.has(path)) path = parentPath(path);
      issue.target = path === null ? null : byPath.get(path);
    }
  }
}

/** Marks a field and the objects around it as visited: "required" is worth saying there. */
export function touch(el) {
  for (let w = el?.closest(WRAPPERS); w; w = w.parentElement?.closest(WRAPPERS)) w.dataset.touched = '';
}

const firstControl = (el) => (el?.matches(CONTROL) ? el : el?.querySelector(CONTROL));

function focusTarget(target) {
  // A field inside a closed disclosure (unconfirmed fields, extra keys) is opened first.
  for (let d = target.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  const control = firstControl(target);
  (control ?? target).focus();
  target.scrollIntoView({ block: 'center' });
}

/** One issue as a list item; `withPath` when it is not shown next to its own field. */
export function issueItem(issue, withPath) {
  // data-issue-path, not data-path: that attribute marks fields, and issues find fields by it.
  const li = h('li', { class: `issue ${issue.severity}`, 'data-issue-path': issue.path, 'data-code': issue.code },
    h('span', { class: 'sev' }, issue.severity === 'error' ? 'Error' : 'Warning'), ' ');
  if (withPath) {
    // A key with surrounding spaces is shown quoted, since HTML would collapse them.
    const shown = issue.path === '' ? '(whole request)' : issue.path.trim() !== issue.path ? JSON.stringify(issue.path) : issue.path;
    const target = issue.target;
    const control = firstControl(target);
    const where = control?.id ? h('a', { class: 'path', href: `#${control.id}` }, shown) : h('code', { class: 'path' }, shown);
    if (control?.id) {
      where.addEventListener('click', (ev) => {
        ev.preventDefault();
        focusTarget(target);
      });
    }
    li.append(where, ' ');
  }
  li.append(issue.message, ' ', h('code', { class: 'code-tag' }, issue.code));
  return li;
}

const signature = (list) => JSON.stringify(list.map((i) => [i.severity, i.path, i.code, i.message]));

/** Each field's own issues beside it. A missing required field is reported there only once
 * it has been visited (or `showAll`, after a send), so a fresh form is not all red. */
export function renderInline(root, issues, showAll) {
  const byTarget = new Map();
  for (const issue of issues) {
    if (!issue.target) continue;
    if (issue.code === 'required' && !showAll && !('touched' in issue.target.dataset)) continue;
    if (!byTarget.has(issue.target)) byTarget.set(issue.target, []);
    byTarget.get(issue.target).push(issue);
  }
  for (const wrap of root.querySelectorAll(WRAPPERS)) {
    const list = byTarget.get(wrap) ?? [];
    const box = wrap.querySelector(':scope > .msgs');
    // The path a wrapper stands for, not repeated beside its own issues (the extra-keys
    // box's own problems have the empty path).
    const own = wrap.dataset.path ?? wrap.dataset.option ?? '';
    if (box) renderOnce(box, signature(list), () => (list.length ? [h('ul', { class: 'issue-list' }, list.map((i) => issueItem(i, i.path !== own)))] : []));
    const hasError = list.some((i) => i.severity === 'error');
    wrap.classList.toggle('has-error', hasError);
    wrap.classList.toggle('has-warning', !hasError && list.length > 0);
    // Only a field's own control is marked invalid, not every control inside an object.
    const control = wrap.querySelector(':scope > .inline > :is(input, select, textarea), :scope > :is(input, select, textarea)');
    if (control && hasError) control.setAttribute('aria-invalid', 'true');
    else control?.removeAttribute('aria-invalid');
  }
}

/** The counts, a sentence for the live region, and every issue with a link to its field. */
export function renderSummary(issues, built) {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  $('count-errors').textContent = String(errors.length);
  $('count-warnings').textContent = String(warnings.length);
  const summary = $('summary');
  summary.classList.toggle('bad', errors.length > 0);
  summary.classList.toggle('warn', errors.length === 0 && warnings.length > 0);
  summary.classList.toggle('good', issues.length === 0);
  const sentence = errors.length
    ? `Not built: ${count(errors.length, 'error')}${warnings.length ? ` and ${count(warnings.length, 'warning')}` : ''}. Nothing is sent until the errors are fixed.`
    : warnings.length
      ? `Built, with ${count(warnings.length, 'warning')}: the request would be sent as it is (strict mode refuses it).`
      : built ? 'Built: no errors, no warnings.' : 'Not built.';
  const text = $('summary-text');
  if (text.textContent !== sentence) text.textContent = sentence;
  // Rebuilt every time (it is not a live region): its links must reach the fields as they
  // are now, after a call switch or a removed entry.
  $('summary-list').replaceChildren(...[...errors, ...warnings].map((i) => issueItem(i, true)));
}
