// The string parser of @iarna/toml on its own: its package index also loads the stream parser,
// which pulls in node:stream (several ms on every fnox start). Same function as TOML.parse.
declare module '@iarna/toml/parse-string.js' {
  import type { JsonMap } from '@iarna/toml';
  function parseString(text: string): JsonMap;
  export default parseString;
}
