/** The names fnox never exports, and the user's allow-list: every list entry, prefix and suffix, and the warnings. */
import { describe, expect, it } from 'vitest';
import { envNamePolicy, isProtectedEnvName, isValidEnvName, parseAllowedEnvNames } from '../../src/security/env-names.js';

/** One name from each group of the list, so a dropped entry or a dropped group is noticed. */
const EXACT = [
  'PATH',
  'HOME',
  'SHELL',
  'PWD',
  'OLDPWD',
  'IFS',
  'CDPATH',
  'SHELLOPTS',
  'BASHOPTS',
  'BASH_ENV',
  'ENV',
  'PROMPT_COMMAND',
  'PS0',
  'PS1',
  'PS2',
  'PS3',
  'PS4',
  'PROMPT',
  'PROMPT2',
  'PROMPT3',
  'PROMPT4',
  'RPROMPT',
  'RPROMPT2',
  'RPS1',
  'RPS2',
  'ZDOTDIR',
  'FPATH',
  'MODULE_PATH',
  'HISTFILE',
  'INPUTRC',
  'TMOUT',
  'BASH_XTRACEFD',
  'GLOBIGNORE',
  'EXECIGNORE',
  'NULLCMD',
  'READNULLCMD',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
  'XDG_CACHE_HOME',
  'XDG_RUNTIME_DIR',
  'XDG_CONFIG_DIRS',
  'XDG_DATA_DIRS',
  'TMPDIR',
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_USE_ENV_PROXY',
  'NODE_REPL_EXTERNAL_MODULE',
  'NODE_COMPILE_CACHE',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PERL5LIB',
  'PERL5OPT',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'GCONV_PATH',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'SSH_ASKPASS_REQUIRE',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_PAGER',
  'GIT_EXTERNAL_DIFF',
  'GIT_PROXY_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_DIR',
  'GIT_CONFIG',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_TEMPLATE_DIR',
  'EDITOR',
  'VISUAL',
  'PAGER',
  'MANPAGER',
  'LESSOPEN',
  'LESSCLOSE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CA_BUNDLE',
];
const PREFIXED = [
  'LD_PRELOAD',
  'DYLD_INSERT_LIBRARIES',
  'FNOX_TRUSTED_CONFIG_PATHS',
  '__FNOX_SESSION',
  'GIT_CONFIG_KEY_0',
  'GIT_CONFIG_VALUE_0',
  'AWS_ENDPOINT_URL_S3',
  'BASH_FUNC_ls%%',
];

describe('env-name policy', () => {
  it('accepts shell variable names only', () => {
    for (const name of ['A', '_', 'a_b', 'DATABASE_URL', '_9']) expect(isValidEnvName(name), name).toBe(true);
    for (const name of ['', '9A', 'A-B', 'A B', 'A=B', 'A.B', 'ÄB', 'A\nB', ' A', 'A ']) expect(isValidEnvName(name), JSON.stringify(name)).toBe(false);
  });

  it('protects every listed name, in any case, and every listed prefix and suffix', () => {
    for (const name of EXACT) {
      expect(isProtectedEnvName(name), name).toBe(true);
      expect(isProtectedEnvName(name.toLowerCase()), name.toLowerCase()).toBe(true);
    }
    for (const name of PREFIXED) expect(isProtectedEnvName(name), name).toBe(true);
    expect(isProtectedEnvName('ld_library_path')).toBe(true);
    expect(isProtectedEnvName('precmd_functions')).toBe(true);
    expect(isProtectedEnvName('CHPWD_FUNCTIONS')).toBe(true);
  });

  it('leaves ordinary names alone, including near misses of the list', () => {
    for (const name of [
      'DATABASE_URL',
      'API_KEY',
      'PATHS',
      'MYPATH',
      'XLD_PRELOAD',
      'MY_FNOX_KEY',
      'FUNCTIONS_DIR',
      'AWS_REGION',
      'GIT_AUTHOR_NAME',
      'AWS_ENDPOINT',
    ]) {
      expect(isProtectedEnvName(name), name).toBe(false);
    }
  });

  it('parses FNOX_ALLOW_ENV_NAMES on commas and colons, trimming and dropping empty entries', () => {
    expect(parseAllowedEnvNames(undefined)).toEqual([]);
    expect(parseAllowedEnvNames('')).toEqual([]);
    expect(parseAllowedEnvNames(' PATH , EDITOR:LD_*,, :')).toEqual(['PATH', 'EDITOR', 'LD_*']);
  });

  it('refuses invalid names before anything else, and protected names unless the user allows them', () => {
    const policy = envNamePolicy({});
    expect(policy.refusal('DATABASE_URL')).toBeUndefined();
    expect(policy.refusal('A-B')).toBe('invalid');
    expect(envNamePolicy({ FNOX_ALLOW_ENV_NAMES: 'A-B' }).refusal('A-B')).toBe('invalid');
    expect(policy.refusal('EDITOR')).toBe('protected');
    expect(policy.refusal('LD_PRELOAD')).toBe('protected');
  });

  it('allows exact names and NAME_* prefixes, case-sensitively, from the given environment only', () => {
    const policy = envNamePolicy({ FNOX_ALLOW_ENV_NAMES: 'EDITOR,LD_*' });
    expect(policy.refusal('EDITOR')).toBeUndefined();
    expect(policy.refusal('LD_PRELOAD')).toBeUndefined();
    expect(policy.refusal('LD_LIBRARY_PATH')).toBeUndefined();
    expect(policy.refusal('editor')).toBe('protected');
    expect(policy.refusal('VISUAL')).toBe('protected');
    expect(policy.refusal('DYLD_INSERT_LIBRARIES')).toBe('protected');
    // An entry without `*` is exact: `EDITOR` does not allow `EDITOR_X`'s neighbours on the list.
    expect(envNamePolicy({ FNOX_ALLOW_ENV_NAMES: 'GIT' }).refusal('GIT_DIR')).toBe('protected');
    expect(envNamePolicy({ FNOX_ALLOW_ENV_NAMES: 'GIT_DI' }).refusal('GIT_DIR')).toBe('protected');
    expect(envNamePolicy({ FNOX_ALLOW_ENV_NAMES: 'GIT_*' }).refusal('GIT_DIR')).toBeUndefined();
    expect(envNamePolicy({ FNOX_ALLOW_ENV_NAMES: '*' }).refusal('PATH')).toBeUndefined();
  });

  it('never allows FNOX_* or __FNOX_*, whatever the allow-list says', () => {
    for (const allow of ['FNOX_TRUSTED_CONFIG_PATHS', 'FNOX_*', '*', '__FNOX_*', 'fnox_*']) {
      const policy = envNamePolicy({ FNOX_ALLOW_ENV_NAMES: allow });
      expect(policy.refusal('FNOX_TRUSTED_CONFIG_PATHS'), allow).toBe('protected');
      expect(policy.refusal('__FNOX_SESSION'), allow).toBe('protected');
    }
    expect(envNamePolicy({ FNOX_ALLOW_ENV_NAMES: 'fnox_x' }).refusal('fnox_x')).toBe('protected');
  });

  it('warns with one escaped line naming the reason and, for a protected name, how to allow it', () => {
    const policy = envNamePolicy({});
    expect(policy.warning('A-B', 'invalid')).toBe("fnox: secret 'A-B' is not a valid environment variable name; not exported");
    expect(policy.warning('FNOX_X', 'protected')).toBe("fnox: secret 'FNOX_X' is not exported: FNOX_* variables configure fnox itself");
    expect(policy.warning('fnox_x', 'protected')).toMatch(/FNOX_\* variables configure fnox itself$/);
    expect(policy.warning('EDITOR', 'protected')).toBe(
      "fnox: secret 'EDITOR' is not exported: it can change what your shell or tools run (to allow it, set FNOX_ALLOW_ENV_NAMES=EDITOR in your own environment)",
    );
    const shown = policy.warning('A\u001b[2JB', 'invalid');
    expect(shown).not.toContain('\u001b');
    expect(shown).not.toContain('\n');
  });
});
