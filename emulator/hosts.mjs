// Who may use the control endpoints: only requests whose Host names a loopback address
// with the emulator's own port, and whose Origin (when a browser sends one) is loopback
// too. A web page elsewhere then cannot reset or configure the emulator, and a DNS name
// rebound to 127.0.0.1 cannot read its state (its Host header is that name).

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True for 127.0.0.0/8, `::1` and `localhost`. */
export function isLoopback(host) {
  if (host === 'localhost' || host === '::1') return true;
  const m = IPV4_LOOPBACK.exec(host);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/** Split "name:port" or "[v6]:port" into { host, port } (port null when absent), or null. */
function splitHost(text) {
  const m = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(text) ?? /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  return m ? { host: m[1].toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) } : null;
}

/** Whether a Host header names this emulator on a loopback address (the port is required). */
export function loopbackHost(header, port) {
  if (typeof header !== 'string') return false;
  const parts = splitHost(header);
  return parts !== null && parts.port === port && isLoopback(parts.host);
}

/** Whether an Origin header is absent or a loopback http(s) origin (any port). */
export function loopbackOrigin(header) {
  if (header === undefined) return true;
  let url;
  try {
    url = new URL(header);
  } catch {
    return false; // includes "null" (sandboxed frames, file: pages)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopback(url.hostname.replace(/^\[(.*)\]$/, '$1'));
}
