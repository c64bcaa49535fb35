import { ProviderError } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT_CODES, FnoxError, renderError, toFnoxError } from '../src/index.js';

describe('errors', () => {
  it("has one exit code and a hint for every code; usage is 2, a command that cannot run is the shell's 127/126, a stop signal the shell's 128+N, everything else 1", () => {
    const shellStatus: Record<string, number> = {
      usage: 2,
      command_not_found: 127,
      unknown_command: 127,
      command_not_executable: 126,
      interrupted: 130,
      terminated: 143,
      hangup: 129,
    };
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(EXIT_CODES[code as keyof typeof EXIT_CODES], code).toBe(shellStatus[code] ?? 1);
      expect(info.hint.length).toBeGreaterThan(10);
      expect(info.diagnostic).toMatch(/^fnox::/);
    }
  });

  it('renders error and hint lines, and a stack only with debug', () => {
    const error = new FnoxError('config_not_found', 'No configuration file found in /tmp/x or any parent directory');
    expect(renderError(error)).toBe(
      "error: No configuration file found in /tmp/x or any parent directory (fnox::config::not_found)\nhint: Run 'fnox init' to create a configuration file.\n",
    );
    const debug = renderError(error, { debug: true });
    expect(debug).toContain('debug: code config_not_found (fnox::config::not_found), exit 1');
    expect(debug).toContain('errors.test.ts');
  });

  it('maps provider errors to codes and keeps their hint', () => {
    const mapped = toFnoxError(new ProviderError('decrypt', 'Age decryption failed: no identity matched', { hint: 'use FNOX_AGE_KEY' }));
    expect(mapped.code).toBe('provider_decrypt');
    expect(mapped.hint).toBe('use FNOX_AGE_KEY');
    expect(renderError(mapped)).toBe('error: Age decryption failed: no identity matched (fnox::provider::decrypt_failed)\nhint: use FNOX_AGE_KEY\n');
  });

  it("shows a provider's own upstream diagnostic id and keeps it on the FnoxError", () => {
    const mapped = toFnoxError(
      new ProviderError('identity', 'Age identity file not found: /h/age.txt', { diagnostic: 'fnox::encryption::age::identity_not_found' }),
    );
    expect(mapped).toBeInstanceOf(FnoxError);
    expect(mapped.diagnostic).toBe('fnox::encryption::age::identity_not_found');
    expect(mapped.exitCode).toBe(1);
    expect(renderError(mapped).split('\n')[0]).toBe('error: Age identity file not found: /h/age.txt (fnox::encryption::age::identity_not_found)');
  });

  it('paints only the prefixes and the id when given a style', () => {
    const style = { error: (t: string) => `<r>${t}</r>`, hint: (t: string) => `<c>${t}</c>`, dim: (t: string) => `<d>${t}</d>` };
    const out = renderError(new FnoxError('secret_not_found', "Secret 'A' not found"), { style });
    expect(out).toBe(
      "<r>error:</r> Secret 'A' not found <d>(fnox::secret::not_found)</d>\n<c>hint:</c> Run `fnox list` to see the secrets defined for the active profile.\n",
    );
  });

  it("shows a provider error's own diagnostic id on the error line, escaped", () => {
    const mapped = toFnoxError(new ProviderError('api', 'Vault answered 503', { diagnostic: 'fnox::provider::vault::sealed\u001b[2K' }));
    for (const rendered of [renderError(mapped), renderError(mapped, { debug: true })]) {
      expect(rendered).toContain('(fnox::provider::vault::sealed\\u001b[2K)');
      expect(rendered).not.toContain('\u001b');
    }
  });

  it('never prints the text of an unknown error without --debug', () => {
    const rendered = renderError(new TypeError('value was hunter2'));
    expect(rendered).not.toContain('hunter2');
    expect(rendered).toContain('error: unexpected error: TypeError');
  });
});
