/**
 * A small dotenv parser: `KEY=value` lines, `export ` prefixes, `#` comments, single quotes
 * (literal), double quotes (escapes, may span lines) and unquoted values (trimmed, ` #` ends them).
 */

/** A line the parser cannot read. Carries the line number only: never the line, which may hold a value. */
export class DotenvSyntaxError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'DotenvSyntaxError';
  }
}

const KEY = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

function unescapeDouble(body: string): string {
  return body.replace(/\\(.)/g, (whole, char: string) => ESCAPES[char] ?? whole);
}

/** Parse dotenv text into name → value, in file order; a later duplicate wins, as in dotenv. */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = KEY.exec(trimmed);
    if (!match) throw new DotenvSyntaxError(i + 1, 'expected NAME=value');
    const name = match[1]!;
    let rest = trimmed.slice(match[0].length);
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      // A quoted value may continue on the following lines until its closing quote.
      const start = i;
      let body = rest.slice(1);
      let end = closingQuote(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]!}`;
        end = closingQuote(body, quote);
      }
      if (end < 0) throw new DotenvSyntaxError(start + 1, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value`);
      const raw = body.slice(0, end);
      out.set(name, quote === '"' ? unescapeDouble(raw) : raw);
      continue;
    }
    const comment = rest.search(/\s#/);
    if (comment >= 0) rest = rest.slice(0, comment);
    out.set(name, rest.trim());
  }
  return out;
}

function closingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (quote === '"' && body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}
