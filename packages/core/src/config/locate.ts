/**
 * Key positions in TOML source. The TOML parser gives values but no positions, so validation errors
 * would have nothing to point at; this small scanner walks already-valid TOML and records where
 * every key (and its value) starts. It is only run when an error needs a location.
 */

/** A 1-based position in a file. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Where a key and its value start. Headers (`[a.b]`) record the header position for both. */
export interface KeyLocation {
  readonly key: Position;
  readonly value: Position;
}

/** Path → location; paths are joined with NUL, so quoted keys containing dots stay distinct. */
export type LocationIndex = ReadonlyMap<string, KeyLocation>;

/** The index key for a path of key segments. */
export function pathId(path: readonly string[]): string {
  return path.join('\u0000');
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

class Scanner {
  pos = 0;
  line = 1;
  col = 1;
  readonly found = new Map<string, KeyLocation>();
  private readonly arrayTableCounts = new Map<string, number>();

  constructor(private readonly text: string) {}

  here(): Position {
    return { line: this.line, col: this.col };
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  advance(count = 1): void {
    for (let i = 0; i < count && this.pos < this.text.length; i++) {
      if (this.text[this.pos] === '\n') {
        this.line++;
        this.col = 1;
      } else {
        this.col++;
      }
      this.pos++;
    }
  }

  /** Skip spaces/tabs; with `newlines`, also newlines and comments. */
  skip(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.advance();
      else if (newlines && c === '\n') this.advance();
      else if (c === '#') {
        while (this.pos < this.text.length && this.peek() !== '\n') this.advance();
      } else return;
    }
  }

  record(path: readonly string[], key: Position, value: Position): void {
    const id = pathId(path);
    if (!this.found.has(id)) this.found.set(id, { key, value });
  }

  string(): string {
    const q = this.peek();
    const triple = this.peek(1) === q && this.peek(2) === q;
    let out = '';
    if (triple) {
      this.advance(3);
      while (this.pos < this.text.length) {
        if (this.peek() === q && this.peek(1) === q && this.peek(2) === q && this.peek(3) !== q) {
          this.advance(3);
          return out;
        }
        if (q === '"' && this.peek() === '\\') this.advance();
        out += this.peek();
        this.advance();
      }
      return out;
    }
    this.advance();
    while (this.pos < this.text.length && this.peek() !== q && this.peek() !== '\n') {
      if (q === '"' && this.peek() === '\\') {
        this.advance();
        out += this.escape();
      } else {
        out += this.peek();
      }
      this.advance();
    }
    this.advance();
    return out;
  }

  /**
   * The character a basic string's escape stands for (TOML 1.0, plus 1.1's `\e` and `\xHH`, which
   * the parser accepts), leaving the cursor on its last character: a key's path must be the one the
   * parser sees, or `"\b"` would be indexed as `b`.
   */
  escape(): string {
    const letter = this.peek();
    const digits = letter === 'u' ? 4 : letter === 'U' ? 8 : letter === 'x' ? 2 : 0;
    if (digits === 0) return ESCAPES[letter] ?? letter;
    const hex = this.text.slice(this.pos + 1, this.pos + 1 + digits);
    this.advance(digits);
    const code = /^[0-9A-Fa-f]+$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }

  /** A dotted key; stops before `=`, `]` or anything else that cannot be part of it. */
  keyPath(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skip(false);
      const c = this.peek();
      if (c === '"' || c === "'") parts.push(this.string());
      else {
        let bare = '';
        while (/[A-Za-z0-9_-]/.test(this.peek())) {
          bare += this.peek();
          this.advance();
        }
        if (bare === '') return parts;
        parts.push(bare);
      }
      this.skip(false);
      if (this.peek() !== '.') return parts;
      this.advance();
    }
  }

  value(path: readonly string[]): void {
    const c = this.peek();
    if (c === '"' || c === "'") {
      this.string();
    } else if (c === '{') {
      this.advance();
      for (let guard = 0; guard < 100_000 && this.pos < this.text.length; guard++) {
        this.skip(true);
        if (this.peek() === '}') break;
        if (this.peek() === ',') {
          this.advance();
          continue;
        }
        const at = this.here();
        const keys = this.keyPath();
        if (keys.length === 0) break;
        this.skip(false);
        if (this.peek() === '=') this.advance();
        this.skip(false);
        this.record([...path, ...keys], at, this.here());
        this.value([...path, ...keys]);
      }
      this.advance();
    } else if (c === '[') {
      this.advance();
      let index = 0;
      for (let guard = 0; guard < 100_000 && this.pos < this.text.length; guard++) {
        this.skip(true);
        if (this.peek() === ']') break;
        if (this.peek() === ',') {
          this.advance();
          continue;
        }
        const itemPath = [...path, String(index++)];
        const at = this.here();
        this.record(itemPath, at, at);
        this.value(itemPath);
      }
      this.advance();
    } else {
      while (this.pos < this.text.length && !/[,\]}\s#]/.test(this.peek())) this.advance();
    }
  }

  document(): void {
    let table: string[] = [];
    for (let guard = 0; guard < 1_000_000 && this.pos < this.text.length; guard++) {
      this.skip(true);
      if (this.pos >= this.text.length) return;
      const at = this.here();
      if (this.peek() === '[') {
        const array = this.peek(1) === '[';
        this.advance(array ? 2 : 1);
        const header = this.keyPath();
        this.advance(array ? 2 : 1);
        if (array) {
          const id = pathId(header);
          const index = this.arrayTableCounts.get(id) ?? 0;
          this.arrayTableCounts.set(id, index + 1);
          this.record(header, at, at);
          table = [...header, String(index)];
        } else {
          table = header;
        }
        this.record(table, at, at);
        continue;
      }
      const keys = this.keyPath();
      if (keys.length === 0) {
        this.advance();
        continue;
      }
      this.skip(false);
      if (this.peek() === '=') this.advance();
      this.skip(false);
      const path = [...table, ...keys];
      // Dotted keys also define their intermediate tables at this spot.
      for (let i = 1; i < keys.length; i++) this.record([...table, ...keys.slice(0, i)], at, at);
      this.record(path, at, this.here());
      this.value(path);
    }
  }
}

/** Index every key of valid TOML `text` by path. */
export function locateKeys(text: string): LocationIndex {
  const scanner = new Scanner(text);
  scanner.document();
  return scanner.found;
}
