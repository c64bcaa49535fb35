/** Values that must reach a shell unchanged and unexpanded (docs/shell-integration.md), with what the shell must see. */
export interface InjectionCase {
  readonly name: string;
  readonly value: string;
  /** What the shell sees; only differs for NUL, which no shell variable can hold. */
  readonly expected?: string;
}

export const INJECTION_CASES: readonly InjectionCase[] = [
  { name: 'EMPTY', value: '' },
  { name: 'SPACES', value: '  two  spaces  ' },
  { name: 'DQUOTE', value: 'say "hi"' },
  { name: 'SQUOTE', value: "it's" },
  { name: 'BOTH_QUOTES', value: `it's "both" '' ""` },
  { name: 'DOLLAR', value: '$HOME ${HOME} $$ $1 $(id) $((1+1))' },
  { name: 'BACKTICK', value: '`id` `echo pwned`' },
  { name: 'NEWLINES', value: 'line1\nline2\n\nline4\n' },
  { name: 'CRLF_TAB', value: 'a\r\nb\tc\vd\fe' },
  { name: 'UNICODE', value: 'héllo wörld ✓ 日本語 🎉 \u2028 \u00a0' },
  { name: 'DASH', value: '-n' },
  { name: 'DASHES', value: '--help -e -- -' },
  { name: 'BACKSLASH', value: 'a\\b \\n \\\\ \\"' },
  { name: 'TRAILING_BACKSLASH', value: 'ends with \\' },
  { name: 'BACKSLASH_NEWLINE', value: 'a\\\nb' },
  { name: 'BANG', value: '!! !$ !-1 hi!' },
  { name: 'CARET', value: '^foo a^b ^^ ^' },
  { name: 'PERCENT', value: '%s %d %% %n' },
  { name: 'GLOB', value: '* ? [a-z] ** {a,b} ~ ~root' },
  { name: 'OPERATORS', value: '; && || | & > < >> 2>&1 # comment' },
  { name: 'EQUALS', value: 'x=1 a==b' },
  { name: 'FISH_SPECIAL', value: '$(echo pwned) (echo pwned) {a,b} \\$x' },
  { name: 'ZSH_SPECIAL', value: '=ls ~+ ${(e)x} $~x' },
  { name: 'CONTROL', value: '\x01\x1b[31mred\x1b[0m\x7f' },
  { name: 'NUL', value: 'a\0b', expected: 'ab' },
];
