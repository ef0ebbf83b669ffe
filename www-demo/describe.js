// Reading describeCalls()'s field descriptions (FieldDescription in the package's types):
// what control a field gets, the values of a set, issue paths, and which values are secret.
// The page knows the description's vocabulary (its type words, its rule wording) and
// nothing about any particular call or field.

/** The kind of control for a field, from its `type` words and shape. */
export function kindOf(desc) {
  if (desc.fields) return 'object';
  if (desc.items) return 'array';
  if (choicesOf(desc)) return 'choice';
  switch (desc.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string (number)':
      return 'numeric-text';
    case 'string (JSON)':
      return 'json-text';
    case 'string':
      return 'text';
    default:
      // A type the page does not know (a loosely declared value): typed in as JSON.
      return 'json';
  }
}

// The description words a set as `one of "a", "b"` or `one of 0 (what 0 means), 1 (…)`,
// then `; 3 is accepted with a warning: …` for each value tolerated with a warning.
// A rule worded any other way leaves the field a plain input, which still validates.
const ONE_OF = /^one of (.+)$/s;
const LISTED = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)(?:\s+\(([^()]*)\))?\s*(?:,|$)/y;
const TOLERATED = /^(-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*") is accepted with a warning/;

/** The values a field is limited to, `[{ value, label, warns }]`, or null. */
export function choicesOf(desc) {
  for (const { rule } of desc.rules ?? []) {
    const match = ONE_OF.exec(rule);
    if (!match) continue;
    const [listed, ...tolerated] = match[1].split('; ');
    const choices = [];
    LISTED.lastIndex = 0;
    while (LISTED.lastIndex < listed.length) {
      const item = LISTED.exec(listed);
      if (!item) return null;
      choices.push({ value: JSON.parse(item[1]), label: item[2] ?? '', warns: false });
    }
    for (const part of tolerated) {
      const item = TOLERATED.exec(part);
      if (item) choices.push({ value: JSON.parse(item[1]), label: 'accepted with a warning', warns: true });
    }
    return choices.length ? choices : null;
  }
  return null;
}

/** `obj` + `key` → `obj.key`; the body itself is `""`. */
export const childPath = (parent, name) => (parent ? `${parent}.${name}` : name);
/** `obj.list` + 2 → `obj.list[2]`. */
export const itemPath = (parent, index) => `${parent}[${index}]`;

/** The path one step up: `a.b[2]` → `a.b` → `a` → `""`; null above the body. */
export function parentPath(path) {
  if (path === '') return null;
  const match = /(\[\d+\]|\.[^.[\]]*)$/.exec(path);
  return match ? path.slice(0, match.index) : '';
}

/** The first key of a path: `a.b[2]` → `a`. */
export const topKey = (path) => /^[^.[]*/.exec(path)[0];

/** A copy of `value` with every value of a secret field as `***`, following `fields`. */
export function maskSecrets(value, fields) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const desc = fields.find((f) => f.name === key);
    out[key] = desc ? maskValue(v, desc) : v;
  }
  return out;
}

function maskValue(value, desc) {
  if (desc.secret && value !== null && value !== undefined) return '***';
  if (desc.fields) return maskSecrets(value, desc.fields);
  if (desc.items && Array.isArray(value)) return value.map((v) => maskValue(v, desc.items));
  return value;
}

