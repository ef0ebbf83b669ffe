// The built request in three views (HTTP, JSON body, curl), redacted unless "Reveal
// secrets" is on, and their copy buttons. The curl comes from the package's toCurl, which
// redacts by itself; the other two views mask what the call's description marks secret.
import { $ } from './dom.js';
import { maskSecrets } from './describe.js';

const VIEWS = ['out-http', 'out-body', 'out-curl'];
// Every call of the family carries its token in this query parameter.
const redactUrl = (url) => url.replace(/([?&]access_token=)[^&#]*/gi, '$1***');

/** Shows `built` (an HttpRequest, or null when the input does not build) for `call`. */
export function renderOutputs(wx, call, built) {
  const reveal = $('reveal').checked;
  for (const id of VIEWS) $(id).classList.toggle('muted', !built);
  for (const b of document.querySelectorAll('button.copy')) b.disabled = !built;
  if (!built) {
    for (const id of VIEWS) $(id).textContent = 'Not built: fix the errors listed above.';
    return;
  }
  const headers = Object.entries(built.headers).map(([k, v]) => `${k}: ${v}`);
  $('out-http').textContent = [`${built.method} ${reveal ? built.url : redactUrl(built.url)}`, ...headers].join('\n');
  const body = JSON.parse(built.body);
  $('out-body').textContent = JSON.stringify(reveal ? body : maskSecrets(body, call.fields), null, 2);
  $('out-curl').textContent = wx.toCurl(built, { revealSecrets: reveal });
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No Clipboard API here (an insecure origin, or denied): the older way.
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

/** Wires the copy buttons (`data-copy` names the view they copy). */
export function wireCopyButtons() {
  for (const button of document.querySelectorAll('button.copy')) {
    button.addEventListener('click', async () => {
      const view = $(button.dataset.copy);
      const what = $(view.getAttribute('aria-labelledby')).textContent;
      const ok = await copyText(view.textContent);
      const redacted = $('reveal').checked ? 'with secrets' : 'secrets redacted';
      $('copy-status').textContent = ok ? `Copied ${what} (${redacted}).` : `Could not copy ${what}: select the text and copy it.`;
      button.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  }
}
