// Text layout of the CLI's human output: everything is wrapped for an 80-column terminal,
// because the help is generated from doc comments whose lines were never written for one.

export const WIDTH = 80;

/** Greedy word wrap of `text` to WIDTH: the first line starts with `first` (a label or an
 * indent), every further line with `indent` spaces. A word longer than a whole line is cut,
 * so no line is ever wider than WIDTH. */
export function wrap(text, { first = '', indent = first.length } = {}) {
  const pad = ' '.repeat(Math.min(indent, WIDTH - 20));
  const lines = [];
  let line = first;
  let empty = true; // nothing but the prefix on `line` yet
  const next = () => {
    lines.push(line.trimEnd());
    line = pad;
    empty = true;
  };
  for (let word of String(text).split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) next();
    if (line.length > WIDTH - 8) next();
    while (line.length + word.length > WIDTH) {
      const room = WIDTH - line.length;
      line += word.slice(0, room);
      word = word.slice(room);
      next();
    }
    if (word) {
      line += (empty ? '' : ' ') + word;
      empty = false;
    }
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines.join('\n');
}

/** `label` in a column of `width`, then `text` wrapped beside it (two-column lists: options,
 * commands). A label wider than its column puts the text on the next line. */
export function column(label, text, { width = 24, indent = 2 } = {}) {
  const head = ' '.repeat(indent) + label;
  if (!text) return head;
  if (head.length + 2 > width) return `${head}\n${wrap(text, { first: ' '.repeat(width) })}`;
  return wrap(text, { first: head.padEnd(width), indent: width });
}

/** The edit distance of two strings (for did-you-mean). */
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** The candidate closest to `word` (case-insensitive), when it is close enough to be a typo:
 * a prefix of it, or at most a third of its letters apart. */
export function closest(word, candidates) {
  const w = String(word).toLowerCase();
  let best;
  let bestScore = Infinity;
  for (const c of candidates) {
    const l = c.toLowerCase();
    const score = l.startsWith(w) && w.length >= 3 ? 0.5 : distance(w, l);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return bestScore <= Math.max(2, Math.floor(w.length / 3)) ? best : undefined;
}
