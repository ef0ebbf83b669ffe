// The errors this package throws: real Error subclasses with a stable `name` and `code`,
// their data as own enumerable properties, and a `toJSON` that keeps `message` (which
// JSON.stringify of a plain Error drops). Every property is defined, never assigned, so a
// setter someone put on Error.prototype or Object.prototype never runs.
const define = (target, key, value, enumerable) =>
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });

export class WxCloudbaseError extends Error {
  constructor(message, fields, cause) {
    super(message, cause === undefined ? undefined : { cause });
    for (const key of Object.keys(fields)) define(this, key, fields[key], true);
  }

  toJSON() {
    const out = {};
    define(out, 'name', this.name, true);
    define(out, 'code', this.code, true);
    define(out, 'message', this.message, true);
    for (const key of Object.keys(this)) {
      if (key !== 'code') define(out, key, this[key], true);
    }
    if (this.cause !== undefined) define(out, 'cause', this.cause, true);
    return out;
  }
}

const CLASSES = new Map();
for (const name of ['ValidationError', 'ConfigError', 'WxApiError', 'TransportError', 'PushError']) {
  const Class = class extends WxCloudbaseError {};
  define(Class, 'name', name, false);
  define(Class.prototype, 'name', name, false);
  CLASSES.set(name, Class);
}

/** A new error of the class called `name`. */
export function makeError(name, message, fields, cause) {
  const Class = CLASSES.get(name) ?? WxCloudbaseError;
  return new Class(message, fields, cause);
}
