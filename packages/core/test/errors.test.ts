import { ProviderError } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT_CODES, FnoxError, renderError, toFnoxError } from '../src/index.js';

describe('errors', () => {
  it('has one exit code and a hint for every code; usage is 2, a command that cannot run 127/126 as in shells, everything else 1 (SPEC §6.3)', () => {
    const shellLike: Record<string, number> = { usage: 2, command_not_found: 127, unknown_command: 127, command_not_executable: 126 };
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(EXIT_CODES[code as keyof typeof EXIT_CODES]).toBe(shellLike[code] ?? 1);
      expect(info.hint.length).toBeGreaterThan(10);
      expect(info.diagnostic).toMatch(/^fnox::/);
    }
  });

  it('escapes control characters in every rendered line', () => {
    const error = new FnoxError('provider_not_configured', "Provider '\u001b[2K\rx' not configured", { details: ['a\u0007b'], hint: 'see \u009b' });
    const text = renderError(error, { debug: true });
    expect(text).toContain("error: Provider '\\u001b[2K\\u000dx' not configured");
    expect(text).toContain('  a\\u0007b');
    expect(text).toContain('hint: see \\u009b');
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)).toBe(false);
  });

  it('with debug, shows messages of fnox errors only: a foreign cause is its name, code and frames', () => {
    const foreign = Object.assign(new TypeError("The argument must be a string without null bytes. Received 'x\\x00CANARY'"), { code: 'ERR_INVALID_ARG_VALUE' });
    const text = renderError(new FnoxError('internal', 'unexpected error: TypeError', { cause: foreign }), { debug: true });
    expect(text).not.toContain('CANARY');
    expect(text).toContain('TypeError [ERR_INVALID_ARG_VALUE]: (message withheld');
    expect(text).toMatch(/\n\s+at /);
  });

  it('maps ENOSPC, EPIPE and E2BIG to their own codes', () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: text`), { code });
    expect(toFnoxError(errno('ENOSPC')).code).toBe('io_no_space');
    expect(toFnoxError(errno('EPIPE')).code).toBe('io_broken_pipe');
    expect(toFnoxError(errno('E2BIG')).code).toBe('command_args_too_long');
  });

  it('renders error and hint lines, and a stack only with debug', () => {
    const error = new FnoxError('config_not_found', 'No configuration file found in /tmp/x or any parent directory');
    expect(renderError(error)).toBe(
      "error: No configuration file found in /tmp/x or any parent directory\nhint: Run 'fnox init' to create a configuration file.\n",
    );
    const debug = renderError(error, { debug: true });
    expect(debug).toContain('debug: code config_not_found (fnox::config::not_found), exit 1');
    expect(debug).toContain('errors.test.ts');
  });

  it('maps provider errors to codes and keeps their hint', () => {
    const mapped = toFnoxError(new ProviderError('decrypt', 'Age decryption failed: no identity matched', { hint: 'use FNOX_AGE_KEY' }));
    expect(mapped.code).toBe('provider_decrypt');
    expect(mapped.hint).toBe('use FNOX_AGE_KEY');
    expect(renderError(mapped)).toBe('error: Age decryption failed: no identity matched\nhint: use FNOX_AGE_KEY\n');
  });

  it('never prints the text of an unknown error without --debug', () => {
    const rendered = renderError(new TypeError('value was hunter2'));
    expect(rendered).not.toContain('hunter2');
    expect(rendered).toContain('error: unexpected error: TypeError');
  });
});
