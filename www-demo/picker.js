// The call picker: a native <select> (keyboard, screen readers and phones handle it as
// they always do), one option per described call, kept in the URL's hash so that a call
// can be linked to and reloads stay on it.
import { $, h } from './dom.js';

/** Fills the picker with `calls` and calls `onPick(call)` now and on every change. */
export function wirePicker(calls, onPick) {
  const select = $('call');
  select.replaceChildren(...calls.map((c) => h('option', { value: c.name }, c.name)));
  const byName = new Map(calls.map((c) => [c.name, c]));
  const fromHash = () => byName.get(decodeURIComponent(location.hash.slice(1)));

  function pick(call, { updateHash }) {
    select.value = call.name;
    if (updateHash) history.replaceState(null, '', `#${encodeURIComponent(call.name)}`);
    onPick(call);
  }
  select.addEventListener('change', () => pick(byName.get(select.value), { updateHash: true }));
  window.addEventListener('hashchange', () => {
    const call = fromHash();
    if (call && call.name !== select.value) pick(call, { updateHash: false });
  });
  select.disabled = false;
  pick(fromHash() ?? calls[0], { updateHash: false });
}
