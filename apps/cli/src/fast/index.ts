import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProviderRegistry, createSession, renderError, toFnoxError } from '@fnox/core/hot';
import { stopSignal } from '../stop-signals.js';
import { debugRequested, exitIfWedged } from '../cli-errors.js';
import { globalOptionsFromFlags } from '../global-options.js';
import type { Handler } from '../handlers/types.js';
import { parseFast, type ManifestCommand } from './flags.js';
import { moduleLoader, type NativeImport } from './load-module.js';
import { terminalActivity } from '../activity.js';
import { errorStyle, terminalLogger } from '../terminal-style.js';
import { discoverPlugins } from './plugins.js';

/** Commands the fast path serves, by id, with how to load their handler. */
const HOT_COMMANDS: Readonly<Record<string, () => Promise<Handler>>> = {
  version: async () => (await import('../handlers/version.js')).versionHandler,
  get: async () => (await import('../handlers/get.js')).getHandler,
  export: async () => (await import('../handlers/export.js')).exportHandler,
  exec: async () => (await import('../handlers/exec.js')).execHandler,
  'hook-env': async () => (await import('../handlers/hook-env.js')).hookEnvHandler,
};

interface Manifest {
  readonly version: string;
  readonly commands: Readonly<Record<string, ManifestCommand>>;
}

function findCommand(manifest: Manifest, word: string): ManifestCommand | undefined {
  const direct = manifest.commands[word];
  if (direct) return direct;
  return Object.values(manifest.commands).find((c) => c.aliases?.includes(word) || c.hiddenAliases?.includes(word));
}

/**
 * Serve a hot command without loading oclif. Returns false — before any side effect — whenever
 * the fast path is not certain it would behave exactly as oclif does; oclif then runs instead.
 */
export async function runFast(argv: readonly string[], cliRoot: string, nativeImport: NativeImport): Promise<boolean> {
  if (process.env.FNOX_NO_FAST_PATH === '1' || argv.length === 0) return false;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(cliRoot, 'dist', 'fast-manifest.json'), 'utf8')) as Manifest;
  } catch {
    return false;
  }
  const command = findCommand(manifest, argv[0]!);
  const loadHandler = command && HOT_COMMANDS[command.id];
  if (!command || !loadHandler) return false;
  const parsed = parseFast(command, argv.slice(1));
  if (!parsed) return false;
  const plugins = discoverPlugins(cliRoot, process.env);
  if (!plugins) return false;

  const debug = debugRequested(parsed.flags.debug === true);
  const handler = await loadHandler();
  let session: ReturnType<typeof createSession> | undefined;
  try {
    const options = globalOptionsFromFlags(parsed.flags, command.id !== 'set', debug);
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
    const fnoxError = toFnoxError(session?.signal.aborted ? session.signal.reason : error);
    process.stderr.write(renderError(fnoxError, { debug, style: errorStyle() }));
    process.exitCode = fnoxError.exitCode;
    exitIfWedged(fnoxError);
  }
  return true;
}
