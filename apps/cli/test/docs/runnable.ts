/**
 * The doc-example runner: finds the runnable shell examples in docs/*.md and runs them the way a
 * user would, against the built CLI. The convention (docs/README.md § "Examples are tested"):
 *
 *   ```bash runnable            a bash block run with `bash -euo pipefail` in a fresh sandbox
 *   ```bash runnable continue   the same sandbox as the previous runnable block of the page: files,
 *                               the working directory and shell variables carry over
 *   ```toml runnable file=PATH  not run: written to PATH (relative to the working directory)
 *   exit=N                      the block must end with status N (default 0)
 *   aws                         (first block of a sandbox) an fnox-aws-emulator is running,
 *                               AWS_ENDPOINT_URL and test credentials are exported, and the
 *                               aws-kms and aws-sm providers are linked into fnox
 *   ```text output              right after a runnable block: its stdout and stderr, interleaved
 *                               as on a terminal. `...` in a line matches any text; a line that is
 *                               only `...` matches any number of lines.
 *   <!-- runnable-setup         right before a runnable block: hidden bash run first, in the same
 *   commands                    shell (its output is not compared)
 *   -->
 *
 * The sandbox: temp HOME with its own XDG dirs, TMPDIR and AWS config files, NO_COLOR=1, no FNOX_*
 * or AWS_* variable from the developer's environment, and `fnox` on PATH as a script running
 * `node <repo>/apps/cli/bin/run.js` (plus `fnox-aws-emulator`, and `age-keygen` when the real one
 * is missing). The first block starts in $HOME/project (empty). DOCS_REPO_ROOT (the repository)
 * is set for hidden setups.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { FNOX_BIN, isolatedEnv, REPO_ROOT } from '@fnox/test-kit';

export const DOCS_DIR = join(REPO_ROOT, 'docs');
const EMULATOR_BIN = join(REPO_ROOT, 'packages', 'aws-emulator', 'dist', 'bin.js');
const AWS_PROVIDERS = ['provider-aws-kms', 'provider-secrets-manager'].map((p) => join(REPO_ROOT, 'packages', p));

/** A fenced code block of a page. */
export interface Fence {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly tokens: readonly string[];
  readonly body: string;
  /** Index of the line after the closing fence. */
  readonly end: number;
  /** Index of the opening fence line. */
  readonly start: number;
}

/** One runnable block with what surrounds it. */
export interface Step {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly body: string;
  readonly continues: boolean;
  readonly exit: number;
  readonly writeTo?: string;
  readonly aws: boolean;
  readonly setup?: string;
  readonly expected?: string;
}

/** Runnable steps sharing one sandbox. */
export interface Chain {
  readonly file: string;
  readonly steps: Step[];
}

const KNOWN_TOKENS = /^(runnable|continue|aws|exit=\d+|file=[^\s]+)$/;

/** Every fenced block of a Markdown text, with its position. */
export function fences(text: string, file: string): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const marker = open[1]!;
    const [lang = '', ...tokens] = open[2]!.trim().split(/\s+/).filter(Boolean);
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[j]!)) j++;
    out.push({ file, line: i + 1, lang, tokens, body: lines.slice(i + 1, j).join('\n'), start: i, end: j + 1 });
    i = j;
  }
  return out;
}

/** Problems with the convention are errors, so a typo never silently skips an example. */
export class ConventionError extends Error {}

/** The runnable steps of a page, grouped into sandboxes. */
export function parsePage(text: string, file: string): Chain[] {
  const lines = text.split('\n');
  const all = fences(text, file);
  const chains: Chain[] = [];
  const where = (f: Fence) => `${file}:${f.line}`;
  const used = new Set<Fence>();
  for (let n = 0; n < all.length; n++) {
    const f = all[n]!;
    if (!f.tokens.includes('runnable')) continue;
    for (const token of f.tokens) if (!KNOWN_TOKENS.test(token)) throw new ConventionError(`${where(f)}: unknown token '${token}' in a runnable block`);
    const writeTo = f.tokens.find((t) => t.startsWith('file='))?.slice(5);
    if (!writeTo && f.lang !== 'bash') throw new ConventionError(`${where(f)}: a runnable block is bash, or has file=PATH`);
    // Hidden setup: an HTML comment that ends on the last non-blank line before the fence.
    let k = f.start - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    let setup: string | undefined;
    if (k >= 0 && lines[k]!.trim().endsWith('-->')) {
      let s = k;
      while (s >= 0 && !lines[s]!.includes('<!--')) s--;
      const comment = lines.slice(s, k + 1).join('\n');
      const m = /<!--\s*runnable-setup\b([\s\S]*?)-->/.exec(comment);
      if (m) setup = m[1]!.replace(/^:/, '').trim();
    }
    // Expected output: the next fence, if only blank lines separate it and it is marked `output`.
    const next = all[n + 1];
    let expected: string | undefined;
    if (next && next.tokens.includes('output') && lines.slice(f.end, next.start).every((l) => l.trim() === '')) {
      expected = next.body;
      used.add(next);
    }
    const step: Step = {
      file,
      line: f.line,
      lang: f.lang,
      body: f.body,
      continues: f.tokens.includes('continue'),
      exit: Number(f.tokens.find((t) => t.startsWith('exit='))?.slice(5) ?? 0),
      aws: f.tokens.includes('aws'),
      ...(writeTo ? { writeTo } : {}),
      ...(setup !== undefined ? { setup } : {}),
      ...(expected !== undefined ? { expected } : {}),
    };
    if (writeTo && expected !== undefined) throw new ConventionError(`${where(f)}: a file= block has no output`);
    if (step.continues) {
      const chain = chains[chains.length - 1];
      if (!chain) throw new ConventionError(`${where(f)}: 'continue' on the first runnable block of the page`);
      if (step.aws) throw new ConventionError(`${where(f)}: 'aws' belongs on the first block of a sandbox`);
      chain.steps.push(step);
    } else {
      chains.push({ file, steps: [step] });
    }
  }
  for (const f of all) {
    if (f.tokens.includes('output') && !used.has(f)) throw new ConventionError(`${where(f)}: an output block must directly follow a runnable block`);
  }
  const setups = [...text.matchAll(/^\s*<!--\s*runnable-setup/gm)].length;
  const attached = chains.flatMap((c) => c.steps).filter((s) => s.setup !== undefined).length;
  if (setups !== attached) throw new ConventionError(`${file}: a runnable-setup comment must directly precede a runnable block`);
  return chains;
}

/** Markdown pages under docs/, relative paths, sorted. */
export function docPages(dir = DOCS_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) out.push(relative(REPO_ROOT, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Compare output with an expectation using `...` wildcards. */
export function matchesOutput(expected: string, actual: string): boolean {
  const clean = (s: string) => {
    const lines = s.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    while (lines.length > 0 && lines[0] === '') lines.shift();
    return lines;
  };
  const want = clean(expected);
  const got = clean(actual);
  const lineRe = want.map((l) => new RegExp(`^${l.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (i === want.length) result = j === got.length;
    else if (want[i]!.trim() === '...') result = match(i + 1, j) || (j < got.length && match(i, j + 1));
    else result = j < got.length && lineRe[i]!.test(got[j]!) && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** The AWS state every `aws` sandbox starts with (fake values, fixed key so ciphertexts are stable). */
export const AWS_SEED = {
  accountId: '123456789012',
  region: 'us-east-1',
  keys: [
    { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', aliases: ['alias/my-key'], description: 'fnox docs key', keyMaterial: Buffer.alloc(32, 7).toString('base64') },
    { keyId: '0987dcba-09fe-87dc-65ba-ab0987654321', aliases: ['alias/my-key-prod'], description: 'fnox docs prod key', keyMaterial: Buffer.alloc(32, 9).toString('base64') },
  ],
  secrets: [
    { name: 'myapp/database-url', secretString: 'postgres://app:fake-password@db.internal:5432/app' },
    { name: 'myapp/db-creds', secretString: '{"username":"app","password":"fake-password"}' },
  ],
  credentials: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', accountId: '123456789012', userName: 'docs' }],
};

/** Result of one step, for messages. */
export interface StepResult {
  readonly status: number | null;
  readonly output: string;
  readonly setupOutput: string;
}

/** A sandbox that runs the steps of one chain. */
export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'fnox-docs-'));
  readonly home = join(this.root, 'home');
  readonly state = join(this.root, 'state');
  readonly bin = join(this.root, 'bin');
  readonly env: NodeJS.ProcessEnv;
  private readonly groups: number[] = [];
  private emulator: ChildProcess | undefined;
  private counter = 0;

  constructor() {
    for (const dir of [this.home, this.state, this.bin, join(this.home, 'project'), join(this.root, 'tmp'), join(this.home, '.aws')]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(this.state, 'cwd'), join(this.home, 'project'));
    const script = (name: string, body: string) => {
      writeFileSync(join(this.bin, name), body);
      chmodSync(join(this.bin, name), 0o755);
    };
    script('fnox', `#!/bin/sh\nexec '${process.execPath}' '${FNOX_BIN}' "$@"\n`);
    script('fnox-aws-emulator', `#!/bin/sh\nexec '${process.execPath}' '${EMULATOR_BIN}' "$@"\n`);
    if (!hasCommand('age-keygen')) script('age-keygen', ageKeygenShim());
    this.env = {
      ...isolatedEnv(this.home),
      PATH: `${this.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      TMPDIR: join(this.root, 'tmp'),
      SHELL: '/bin/bash',
      COLUMNS: '100',
      LANG: process.env.LANG ?? 'C.UTF-8',
      // For hidden setups only (e.g. `fnox plugins link "$DOCS_REPO_ROOT/packages/provider-aws-kms" --no-install`).
      DOCS_REPO_ROOT: REPO_ROOT.replace(/\/$/, ''),
    };
  }

  /** Start the emulator, export its endpoint and test credentials, link the AWS providers. */
  async startAws(): Promise<void> {
    const seed = join(this.root, 'aws-seed.json');
    writeFileSync(seed, JSON.stringify(AWS_SEED));
    const child = spawn(process.execPath, [EMULATOR_BIN, '--port', '0', '--seed', seed], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.emulator = child;
    const url = await new Promise<string>((resolveUrl, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`fnox-aws-emulator did not start: ${text}`)), 60_000);
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const m = /listening on (http:\/\/\S+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      child.on('exit', (code) => reject(new Error(`fnox-aws-emulator exited (${code}): ${text}`)));
    });
    Object.assign(this.env, {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    for (const dir of AWS_PROVIDERS) {
      const r = spawnSync(process.execPath, [FNOX_BIN, 'plugins', 'link', dir, '--no-install'], { cwd: this.home, env: this.env, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`fnox plugins link ${dir} failed: ${r.stdout}${r.stderr}`);
    }
  }

  /** Run one step (or write its file). */
  async run(step: Step, timeoutMs: number): Promise<StepResult> {
    const cwd = readFileSync(join(this.state, 'cwd'), 'utf8').trim();
    if (step.writeTo) {
      // A hidden setup before a file block runs first, as it would before a bash block.
      if (step.setup !== undefined) {
        const { writeTo: _omit, ...rest } = step;
        const setup = await this.run({ ...rest, body: '' }, timeoutMs);
        if (setup.status !== 0) return setup;
      }
      const target = resolve(cwd, step.writeTo.replace(/^~(?=\/)/, this.home));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${step.body}\n`);
      return { status: 0, output: '', setupOutput: '' };
    }
    const n = ++this.counter;
    const script = join(this.state, `step-${n}.sh`);
    const setupLog = join(this.state, `setup-${n}.log`);
    const outFile = join(this.state, `out-${n}.log`);
    writeFileSync(script, wrap(step, this.state, setupLog));
    const fd = openSync(outFile, 'w');
    let child: ChildProcess;
    try {
      child = spawn('bash', ['-euo', 'pipefail', script], { cwd: existsSync(cwd) ? cwd : this.home, env: this.env, stdio: ['ignore', fd, fd], detached: true });
    } finally {
      closeSync(fd);
    }
    if (child.pid) this.groups.push(child.pid);
    const status = await new Promise<number | null>((done, reject) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        done(null);
      }, timeoutMs);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        done(signal ? 128 : code);
      });
    });
    const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
    return { status, output: read(outFile), setupOutput: read(setupLog) };
  }

  /** Stop what the steps left running (background jobs, the emulator) and delete everything. */
  cleanup(): void {
    for (const pgid of this.groups) {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        // the group is gone
      }
    }
    this.emulator?.kill('SIGTERM');
    rmSync(this.root, { recursive: true, force: true });
  }
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** A stand-in for `age-keygen [-o FILE]` / `age-keygen -y FILE` built on fnox's own key generation. */
function ageKeygenShim(): string {
  const age = join(REPO_ROOT, 'packages', 'provider-age', 'dist', 'index.js');
  return `#!${process.execPath}
import { readFileSync, writeFileSync } from 'node:fs';
const { generateIdentity, identityToRecipient } = await import(${JSON.stringify(age)});
const args = process.argv.slice(2);
if (args[0] === '-y') {
  const text = readFileSync(args[1] ?? '/dev/stdin', 'utf8');
  const line = text.split('\\n').find((l) => l.startsWith('AGE-SECRET-KEY-'));
  console.log(identityToRecipient(line));
} else {
  const { identity, recipient } = await generateIdentity();
  const body = '# created: ' + new Date().toISOString() + '\\n# public key: ' + recipient + '\\n' + identity + '\\n';
  const o = args.indexOf('-o');
  if (o >= 0) { writeFileSync(args[o + 1], body, { mode: 0o600 }); console.error('Public key: ' + recipient); }
  else process.stdout.write(body);
}
`;
}

/** The bash text for a step: restore cwd and variables, hidden setup, the block, save state on exit. */
function wrap(step: Step, state: string, setupLog: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    `__docs_baseline=" $(compgen -v | tr '\\n' ' ') "`,
    `__docs_state=${q(state)}`,
    `if [ -f "$__docs_state/vars" ]; then . "$__docs_state/vars"; fi`,
    `cd "$(cat "$__docs_state/cwd")" 2>/dev/null || cd "$HOME"`,
    `__docs_save() {`,
    `  pwd > "$__docs_state/cwd"`,
    `  {`,
    `    export -p | grep -Ev '^declare -x (PWD|OLDPWD|SHLVL|_)(=|$)' || true`,
    `    for __docs_v in $(compgen -v); do`,
    `      case "$__docs_baseline" in *" $__docs_v "*) continue ;; esac`,
    `      case "$__docs_v" in __docs_*) continue ;; esac`,
    `      declare -p "$__docs_v" 2>/dev/null | grep -v '^declare -[a-zA-Z]*r' || true`,
    `    done`,
    `  } > "$__docs_state/vars"`,
    `}`,
    `trap __docs_save EXIT`,
    ...(step.setup ? [`{`, step.setup, `} > ${q(setupLog)} 2>&1`] : []),
    `# ---- ${step.file}:${step.line}`,
    step.body,
    '',
  ].join('\n');
}
