/**
 * The one place age-encryption is imported, always dynamically: importing it costs ~120 ms of
 * start-up, so only armored input, post-quantum identities and encryption pay for it.
 */
export type AgeModule = typeof import('age-encryption');

let loading: Promise<AgeModule> | undefined;

/** Load age-encryption once, on first use. */
export function loadAge(): Promise<AgeModule> {
  loading ??= import('age-encryption');
  return loading;
}
