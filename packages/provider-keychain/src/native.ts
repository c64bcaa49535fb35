/**
 * The native keyring binding, imported on first use: `@napi-rs/keyring` binds the Rust keyring
 * stores upstream fnox uses, so both tools address the same OS entry for a (service, account).
 */
import { ProviderError } from '@fnox/contract';

/** The part of `@napi-rs/keyring` this provider uses. */
export interface KeyringEntry {
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  deleteCredential(signal?: AbortSignal | null): Promise<boolean>;
}
export interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;
  findCredentialsAsync(service: string, target?: string | null, signal?: AbortSignal | null): Promise<{ account: string; password: string }[]>;
}

/** `linux-x64-gnu`, `darwin-arm64`, `win32-x64`: the name of the prebuilt package this platform needs. */
export function platformName(): string {
  let libc = '';
  if (process.platform === 'linux') {
    // No network section in the report (Node >= 20.13 honours this; older ones ignore it).
    if (process.report) (process.report as { excludeNetwork?: boolean }).excludeNetwork = true;
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    libc = report?.header?.glibcVersionRuntime ? '-gnu' : '-musl';
  }
  return `${process.platform}-${process.arch}${libc}`;
}

let loaded: Promise<KeyringModule> | undefined;

/** Import the binding once per process; `specifier` is for tests that load a copy without binaries. */
export function loadKeyring(specifier = '@napi-rs/keyring'): Promise<KeyringModule> {
  const load = async (): Promise<KeyringModule> => {
    let mod: KeyringModule & { default?: KeyringModule };
    try {
      mod = (await import(specifier)) as KeyringModule & { default?: KeyringModule };
    } catch (error) {
      const platform = platformName();
      // ERR_MODULE_NOT_FOUND from import(), MODULE_NOT_FOUND from the CommonJS twin's require().
      const code = (error as NodeJS.ErrnoException).code;
      const missingPackage = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(`'${specifier}'`);
      throw new ProviderError(
        'unsupported',
        missingPackage
          ? `keychain: the native module @napi-rs/keyring is not installed`
          : `keychain: @napi-rs/keyring has no prebuilt binary for this platform (${platform})`,
        {
          hint: missingPackage
            ? 'Reinstall the provider: fnox plugins install keychain'
            : `Reinstall the provider so npm fetches its optional dependency @napi-rs/keyring-${platform} (fnox plugins install keychain --force); npm must not run with --omit=optional`,
          cause: error,
        },
      );
    }
    return mod.default ?? mod;
  };
  if (specifier !== '@napi-rs/keyring') return load();
  loaded ??= load();
  return loaded;
}
