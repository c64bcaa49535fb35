/**
 * `require('@fnox/core')` from CommonJS. fnox's core is an ES module; Node 20.19+ and 22.12+ can
 * `require()` it, and then this file hands over the whole API. On an older Node that cannot, the
 * error says how to load it instead of Node's generic ERR_REQUIRE_ESM.
 */
let api: unknown;
try {
  api = require('./public.js');
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
  throw new Error(
    `@fnox/core is an ES module and this Node (${process.version}) cannot require() it: ` +
      "use `const { loadSecrets } = await import('@fnox/core')`, an `import` statement, or Node 20.19+ / 22.12+.",
    { cause: error },
  );
}
export = api;
