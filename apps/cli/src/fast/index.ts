import { createProviderRegistry, createSession } from '@fnox/core/hot';
import { stopSignal } from '../stop-signals.js';
import { debugRequested, reportError } from '../cli-errors.js';
import { globalOptionsFromFlags } from '../global-options.js';
import type { Handler } from '../handler.js';
import { parseFast } from './flags.js';
import { findCommand, type FastManifest } from './manifest.js';
import { moduleLoader, type NativeImport } from './load-module.js';
import { terminalActivity } from '../activity.js';
import { terminalLogger } from '../terminal-style.js';
import { discoverPlugins } from './plugins.js';

/**
 * The handler of hot command `id`: the file in src/handlers/ named by its id (the build bundles
 * every file there, and scripts/fast-manifest.mjs lists the same files as the hot commands).
 */
async function loadHandler(id: string): Promise<Handler> {
  return ((await import(`../handlers/${id}.ts`)) as { handler: Handler }).handler;
}

/**
 * Serve a hot command without loading oclif. Returns false — before any side effect — whenever
 * the fast path is not certain it would behave exactly as oclif does; oclif then runs instead.
 */
export async function runFast(argv: readonly string[], manifest: FastManifest, cliRoot: string, nativeImport: NativeImport): Promise<boolean> {
  if (process.env.FNOX_NO_FAST_PATH === '1' || argv.length === 0) return false;
  const command = findCommand(manifest, argv[0]!);
  if (!command) return false;
  const parsed = parseFast(command, argv.slice(1));
  if (!parsed) return false;
  const plugins = discoverPlugins(cliRoot, process.env);
  if (!plugins) return false;

  const debug = debugRequested(parsed.flags.debug === true);
  const handler = await loadHandler(command.id);
  let session: ReturnType<typeof createSession> | undefined;
  try {
    // A leading --if-missing is the runtime override on every hot command (only `set` stores it).
    const options = globalOptionsFromFlags(parsed.flags, true, debug);
    const status = await handler(
      {
        version: manifest.version,
        session: async () => {
          // The shell hook never shows a spinner: it runs at every prompt and must stay quiet.
          const activity = command.id === 'hook-env' ? undefined : terminalActivity();
          return (session ??= createSession({
            options,
            registry: createProviderRegistry({ plugins, importModule: moduleLoader(nativeImport) }),
            log: terminalLogger(Boolean(options.verbose)),
            signal: stopSignal(),
            ...(activity ? { activity } : {}),
          }));
        },
      },
      parsed,
    );
    if (status) process.exitCode = status;
  } catch (error) {
    // After Ctrl-C, whatever failed next (a provider's abort error) is reported as the interruption.
    process.exitCode = reportError(session?.signal.aborted ? session.signal.reason : error, debug);
  }
  return true;
}
