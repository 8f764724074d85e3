/**
 * The shape of a JSON document from its first bytes only: the top level's type, an object's keys (with
 * the values that are plain strings, numbers or booleans), an array's first element. The text may stop
 * anywhere (a 64 KiB head of a 1 GB trace); what was seen is kept and `complete` says whether it ended.
 * Text that breaks JSON's grammar before the head ends is not JSON.
 */

export type JsonValueType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface JsonElementShape {
  type: JsonValueType;
  /** Keys of an object element, in order. */
  keys: string[];
}

export interface JsonShape {
  type: 'object' | 'array';
  /** Top-level keys of an object, in order (as far as the text goes). */
  keys: string[];
  /** Top-level values that are strings, numbers or booleans, by key. */
  scalars: Record<string, string | number | boolean>;
  /** For an array: its first element, when the text reaches it. */
  first?: JsonElementShape;
  /** For an array: how many elements the text holds (all of them when complete). */
  elements: number;
  /** Whether the whole document is in the text. */
  complete: boolean;
}

class Truncated extends Error {}
class NotJson extends Error {}

const MAX_DEPTH = 512;
const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);
/** Longer string values are kept cut to this many characters. */
const MAX_KEPT_STRING = 200;

class Cursor {
  position = 0;
  constructor(readonly text: string) {}

  peek(): string {
    this.skipSpace();
    if (this.position >= this.text.length) throw new Truncated();
    return this.text[this.position]!;
  }

  expect(char: string): void {
    if (this.peek() !== char) throw new NotJson();
    this.position++;
  }

  /** Consumes `char` when it is next. */
  accept(char: string): boolean {
    if (this.peek() !== char) return false;
    this.position++;
    return true;
  }

  skipSpace(): void {
    while (this.position < this.text.length && JSON_SPACE.has(this.text[this.position]!)) this.position++;
  }

  string(): string {
    this.expect('"');
    let value = '';
    for (;;) {
      if (this.position >= this.text.length) throw new Truncated();
      const char = this.text[this.position++]!;
      if (char === '"') return value;
      if (char === '\\') {
        if (this.position >= this.text.length) throw new Truncated();
        const escaped = this.text[this.position++]!;
        value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
        if (escaped === 'u') this.position += 4;
      } else if (char < ' ') throw new NotJson();
      else value += char;
    }
  }

  /** A number, true, false or null (returned as null). */
  scalar(): number | boolean | null {
    const rest = this.text.slice(this.position, this.position + 64);
    // The text may end in the middle of a token ("tr", "-1.", "2e", "1155.").
    if (
      this.position + rest.length >= this.text.length &&
      /^(-|-?\d+(\.\d*)?([eE][+-]?\d*)?|t(r(u)?)?|f(a(l(s)?)?)?|n(u(l)?)?)$/.test(rest)
    )
      throw new Truncated();
    const match = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (!match) throw new NotJson();
    this.position += match[0].length;
    const token = match[0];
    return token === 'true' ? true : token === 'false' ? false : token === 'null' ? null : Number(token);
  }

  /** Steps over any value, checking its grammar. */
  skipValue(depth = 0): JsonValueType {
    if (depth > MAX_DEPTH) throw new NotJson();
    const char = this.peek();
    if (char === '"') {
      this.string();
      return 'string';
    }
    if (char === '{') {
      this.members(() => this.skipValue(depth + 1));
      return 'object';
    }
    if (char === '[') {
      this.items(() => this.skipValue(depth + 1));
      return 'array';
    }
    const value = this.scalar();
    return value === null ? 'null' : typeof value === 'boolean' ? 'boolean' : 'number';
  }

  /** An object: calls `onValue` positioned at each member's value, with its key. */
  members(onValue: (key: string) => void): void {
    this.expect('{');
    if (this.accept('}')) return;
    do {
      const key = this.string();
      this.expect(':');
      onValue(key);
    } while (this.accept(','));
    this.expect('}');
  }

  /** An array: calls `onItem` positioned at each element. */
  items(onItem: (index: number) => void): void {
    this.expect('[');
    if (this.accept(']')) return;
    let index = 0;
    do onItem(index++);
    while (this.accept(','));
    this.expect(']');
  }
}

/** Reads an element into `into`: its type, and an object's keys as far as the text goes. */
function readElement(cursor: Cursor, into: JsonElementShape): void {
  if (cursor.peek() !== '{') {
    into.type = cursor.skipValue();
    return;
  }
  into.type = 'object';
  cursor.members((key) => {
    into.keys.push(key);
    cursor.skipValue();
  });
}

/** The shape of the JSON document that `text` begins; null when it is not JSON (or not an object/array). */
export function sniffJson(text: string): JsonShape | null {
  const cursor = new Cursor(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const shape: JsonShape = { type: 'object', keys: [], scalars: {}, elements: 0, complete: false };
  try {
    const char = cursor.peek();
    if (char === '{') {
      cursor.members((key) => {
        shape.keys.push(key);
        const next = cursor.peek();
        if (next === '"') shape.scalars[key] = cursor.string().slice(0, MAX_KEPT_STRING);
        else if (next === '{' || next === '[') cursor.skipValue();
        else {
          const value = cursor.scalar();
          if (value !== null) shape.scalars[key] = value;
        }
      });
    } else if (char === '[') {
      shape.type = 'array';
      cursor.items((index) => {
        if (index === 0) readElement(cursor, (shape.first = { type: 'null', keys: [] }));
        else cursor.skipValue();
        shape.elements = index + 1;
      });
    } else return null;
    cursor.skipSpace();
    if (cursor.position < cursor.text.length) return null; // something after the document
    shape.complete = true;
    return shape;
  } catch (error) {
    if (error instanceof NotJson) return null;
    if (!(error instanceof Truncated)) throw error;
    return cursor.position === 0 ? null : shape;
  }
}
