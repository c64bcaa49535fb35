/** Why a text is not canonical standard base64 (RFC 4648 §4, padded); offsets are 0-based. */
export type Base64Problem =
  | { readonly kind: 'symbol'; readonly offset: number; readonly symbol: string }
  | { readonly kind: 'padding'; readonly offset: number }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'last-symbol'; readonly offset: number };

/**
 * Strict standard base64, as upstream fnox's decoder checks it: only `A–Z a–z 0–9 + /`, `=` only as
 * one or two final padding characters, a length that is a multiple of 4, and no stray bits after
 * the last byte (Node's own decoder skips bad characters and ignores those bits). Returns
 * `undefined` when `text` is canonical. Callers decide how much of the problem to show: the
 * `symbol` may be part of a secret.
 */
export function base64Problem(text: string): Base64Problem | undefined {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) return { kind: 'symbol', offset: bad.index, symbol: bad[0] };
  const padding = text.indexOf('=');
  if (padding !== -1 && (!/^={1,2}$/.test(text.slice(padding)) || text.length % 4 !== 0)) return { kind: 'padding', offset: padding };
  if (text.length % 4 !== 0) return { kind: 'length', length: text.length };
  if (Buffer.from(text, 'base64').toString('base64') !== text) return { kind: 'last-symbol', offset: text.replace(/=+$/, '').length - 1 };
  return undefined;
}
