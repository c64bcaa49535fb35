/**
 * Secrets that decrypted only with the key named in their ciphertext, not the configured `key_id`
 * (the key was changed and the values were not re-encrypted yet). They are collected per provider
 * instance and reported in ONE warning when the instance is disposed, i.e. once per command, so a
 * batch of a hundred secrets gives one line, not a hundred.
 */

/** Collects `secret → key ARN` and formats the warning. */
export interface StaleKeys {
  /** `secret` decrypted under `keyArn` (the ARN KMS answered with). */
  note(secret: string, keyArn: string): void;
  /** The warning for everything noted since the last call, or undefined; forgets what it returns. */
  take(): string | undefined;
}

/** One collector for provider `providerName` whose configured key is `keyId`. */
export function staleKeys(providerName: string, keyId: string): StaleKeys {
  const byKey = new Map<string, Set<string>>();
  return {
    note(secret, keyArn) {
      const secrets = byKey.get(keyArn) ?? new Set<string>();
      secrets.add(secret);
      byKey.set(keyArn, secrets);
    },
    take() {
      if (byKey.size === 0) return undefined;
      const groups = [...byKey].map(([arn, secrets]) => `${[...secrets].sort().join(', ')} ${secrets.size === 1 ? 'is' : 'are'} still encrypted with KMS key '${arn}'`);
      byKey.clear();
      return (
        `Warning: AWS KMS provider '${providerName}': ${groups.join('; ')}, not key_id '${keyId}' ` +
        `(decrypted with the key named in the ciphertext). Re-encrypt under the current key with: fnox reencrypt --provider ${providerName}`
      );
    },
  };
}
