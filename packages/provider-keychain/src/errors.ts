import { ProviderError } from '@fnox/contract';

/** What a failed keychain call was doing. */
export interface KeychainCall {
  readonly operation: 'read' | 'store' | 'delete' | 'list' | 'check';
  readonly service: string;
  /** The full account name (prefix + value); undefined for calls about the whole service. */
  readonly account?: string;
}

const NO_BUS = /DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|DBus error|org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service/i;
const LOCKED = /prompt was dismissed|locked|NoStorageAccess|Couldn't access platform storage|access denied|permission/i;

function detail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}

function subject(call: KeychainCall): string {
  return call.account === undefined ? `service '${call.service}'` : `'${call.account}' (service '${call.service}')`;
}

/** The OS store answered that there is no entry. */
export function notFound(call: KeychainCall & { account: string }, providerName: string): ProviderError {
  return new ProviderError('not-found', `keychain: no entry ${subject(call)}`, {
    hint: `Check the name (the prefix of provider '${providerName}' + the value), or store it with \`fnox set\``,
  });
}

/**
 * Map a failure of the native binding. Its messages carry the store's words ("unlock prompt was
 * dismissed", "Failed to connect to socket ..."); they never carry a value.
 */
export function keychainError(error: unknown, call: KeychainCall): ProviderError {
  const text = detail(error);
  const what = `${call.operation} ${subject(call)}`;
  if (process.platform === 'linux' && NO_BUS.test(text) && !/prompt/i.test(text)) {
    return new ProviderError('network', `keychain: no Secret Service to ${what}: ${text}`, {
      hint:
        'The keychain provider needs a Secret Service (GNOME Keyring, KeePassXC, KWallet) on the D-Bus session bus; ' +
        'on a headless machine start one: dbus-run-session -- sh -c "printf %s PASSWORD | gnome-keyring-daemon --unlock --components=secrets; fnox ..."',
      cause: error,
    });
  }
  if (LOCKED.test(text)) {
    return new ProviderError('auth', `keychain: the keychain is locked or refused access (${what}): ${text}`, {
      hint:
        process.platform === 'linux'
          ? 'Unlock the keyring (log in to the desktop session, or: printf %s PASSWORD | gnome-keyring-daemon --replace --unlock), then retry'
          : 'Unlock the keychain and allow fnox to access the entry, then retry',
      cause: error,
    });
  }
  return new ProviderError('api', `keychain: cannot ${what}: ${text}`, {
    hint: 'Check that the OS keychain is available and unlocked',
    cause: error,
  });
}
