/**
 * Code to put at the top of a child process script (run with `node --input-type=module -e`) that
 * records the URL of every module the process resolves from then on, in the array `seen`. Provider
 * tests use it to prove that a heavy SDK is imported only on first use, not when fnox loads the
 * provider's entry. `settle()` waits for the loader thread to report.
 *
 * @example
 * ```ts
 * const child = `${moduleTrackerPrelude}
 * const { default: provider } = await import(process.env.ENTRY);
 * await settle();
 * console.log(JSON.stringify(seen.some((u) => u.includes('@aws-sdk'))));`;
 * execFileSync(process.execPath, ['--input-type=module', '-e', child], { env: { ...process.env, ENTRY } });
 * ```
 */
export const moduleTrackerPrelude = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const seen = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => seen.push(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(\`
  let port;
  export function initialize(data) { port = data.port; }
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context);
    port.postMessage(result.url);
    return result;
  }\`), { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((r) => setTimeout(r, 100));
`;
