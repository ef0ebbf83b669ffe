// A last line of defence: every value the CLI knows to be a secret (the token, the app secret,
// the ticket, an issued token, the body's secret fields) is replaced by *** in everything it
// prints. The package already redacts them; this holds even if some path upstream did not.

const MASK = '***';

export class Secrets {
  #values = new Set();
  #sorted = [];

  /** Remembers `value` (a non-empty string) and the forms it takes in JSON text and in a
   * URL, the two encodings a printed secret would come back in. */
  add(value) {
    if (typeof value !== 'string' || value === '') return;
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      this.#values.add(form);
    }
    // Longest first, so a secret that contains another is masked whole.
    this.#sorted = [...this.#values].sort((a, b) => b.length - a.length);
  }

  /** `text` with every known secret masked. */
  text(text) {
    let out = String(text);
    for (const s of this.#sorted) out = out.split(s).join(MASK);
    return out;
  }

  /** A copy of a JSON-like value with every string masked (keys stay, so the shape and the
   * JSON syntax of `--json` output survive however short a secret is). */
  value(v) {
    if (typeof v === 'string') return this.text(v);
    if (typeof v === 'bigint') return v.toString();
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        Object.defineProperty(out, k, { value: this.value(x), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  }

  /** Remembers the values of the fields a call declares secret (`secret: true` in
   * describeCalls()), at any depth of `body`, in objects and array entries alike. */
  addFields(fields, body) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    for (const field of fields) {
      if (Object.hasOwn(body, field.name)) this.#addField(field, body[field.name]);
    }
  }

  #addField(desc, value) {
    if (desc.secret) this.add(value);
    if (desc.fields) this.addFields(desc.fields, value);
    if (desc.items && Array.isArray(value)) for (const item of value) this.#addField(desc.items, item);
  }
}
