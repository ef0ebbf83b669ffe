// Collections that never grow past a limit: the oldest entry is forgotten first. Every
// record the emulator keeps lives in one of these, so state() stays small however long a
// run lasts or however many calls it gets.

export class BoundedMap {
  /** @param {number} limit @param {(value: any, key: any) => void} [onEvict] */
  constructor(limit, onEvict = () => {}) {
    this.limit = limit;
    this.onEvict = onEvict;
    this.map = new Map();
    /** How many entries were forgotten because the map was full. */
    this.forgotten = 0;
  }

  get size() {
    return this.map.size;
  }

  has(key) {
    return this.map.has(key);
  }

  get(key) {
    return this.map.get(key);
  }

  set(key, value) {
    this.map.set(key, value);
    while (this.map.size > this.limit) {
      const [oldKey, oldValue] = this.map.entries().next().value;
      this.map.delete(oldKey);
      this.forgotten += 1;
      this.onEvict(oldValue, oldKey);
    }
    return value;
  }

  delete(key) {
    return this.map.delete(key);
  }

  values() {
    return this.map.values();
  }
}

/** An append-only list that keeps its last `limit` entries. */
export class BoundedList {
  constructor(limit) {
    this.limit = limit;
    this.items = [];
    this.forgotten = 0;
  }

  push(item) {
    this.items.push(item);
    if (this.items.length > this.limit) {
      const extra = this.items.length - this.limit;
      this.items.splice(0, extra);
      this.forgotten += extra;
    }
    return item;
  }

  at(i) {
    return this.items.at(i);
  }

  get length() {
    return this.items.length;
  }
}
