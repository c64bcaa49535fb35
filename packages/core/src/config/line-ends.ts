/**
 * toml_edit writes every newline of a document as `\n`, so a CRLF fnox.toml (written on Windows, or
 * with `core.autocrlf`) would come back from any edit with every line changed. {@link keepLineEnds}
 * gives the edited text the original's line ends: lines the edit left alone keep their bytes, and
 * lines it wrote take the file's dominant style.
 */

const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
const bare = (line: string): string => (line.endsWith('\r\n') ? `${line.slice(0, -2)}\n` : line);

/** `edited` (output of an LF-only editor run on `original`) with the original's line ends restored. */
export function keepLineEnds(original: string, edited: string): string {
  if (!original.includes('\r\n')) return edited;
  const before = linesOf(original);
  const after = linesOf(edited);
  const crlf = before.filter((l) => l.endsWith('\r\n')).length;
  const dominant = crlf * 2 >= before.filter((l) => l.endsWith('\n')).length ? '\r\n' : '\n';
  const out = after.map((line) => (line.endsWith('\n') && !line.endsWith('\r\n') ? `${line.slice(0, -1)}${dominant}` : line));
  // Untouched lines (the common head and tail) keep their exact original bytes, whatever their style.
  let head = 0;
  while (head < before.length && head < after.length && bare(before[head]!) === bare(after[head]!)) {
    out[head] = before[head]!;
    head++;
  }
  for (let tail = 1; tail <= Math.min(before.length, after.length) - head; tail++) {
    const b = before[before.length - tail]!;
    if (bare(b) !== bare(after[after.length - tail]!)) break;
    out[after.length - tail] = b;
  }
  return out.join('');
}
