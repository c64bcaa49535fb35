/** `--filter REGEX` of import, reencrypt and sync: compiled once, matched against secret names. */
import { FnoxError } from '../../errors.js';

/**
 * Compile a user's `--filter` pattern (JavaScript regex syntax, unanchored like Rust's
 * `Regex::is_match`). Undefined means "no filter": every name passes.
 */
export function compileFilter(pattern: string | undefined): ((name: string) => boolean) | undefined {
  if (pattern === undefined) return undefined;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch (error) {
    const details = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : 'invalid pattern';
    throw new FnoxError('filter_invalid_regex', `Invalid regex filter pattern: ${pattern}: ${details}`);
  }
  return (name) => regex.test(name);
}
