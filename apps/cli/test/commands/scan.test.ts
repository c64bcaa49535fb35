import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { expectHelpOf } from './admin-helpers.js';

let box: Sandbox;
afterEach(() => box.cleanup());

const GH = 'ghp_abcdefghijklmnopqrstuvwxyz123456';
const AWS = 'AKIAABCDEFGHIJKLMNOP';

beforeEach(() => {
  box = sandbox();
  const p = (rel: string, text: string | Buffer) => {
    mkdirSync(join(box.project, rel, '..'), { recursive: true });
    writeFileSync(join(box.project, rel), text);
  };
  mkdirSync(join(box.project, '.git', 'info'), { recursive: true });
  p('config.env', `TOKEN=${GH}\n`);
  p('sub/deep/app.yml', 'ok: true\npassword = abc12345!\n');
  p('.hidden', `x = 1\n  aws = "${AWS}"\n`);
  p('node_modules/pkg/index.js', `${AWS}\n`);
  p('dist/out.js', `${AWS}\n`);
  p('ignored/a.txt', `${AWS}\n`);
  p('.gitignore', 'ignored/\n*.tmp\n!keep.tmp\n');
  p('x.tmp', `${AWS}\n`);
  p('keep.tmp', `${AWS}\n`);
  p('excluded.log', `${AWS}\n`);
  p('.git/info/exclude', '*.log\n');
  p('binary.dat', Buffer.concat([Buffer.from('\0'), Buffer.from(AWS)]));
  p('big.txt', `${AWS}\n${'x'.repeat(5 * 1024 * 1024)}`);
  p('keys/id.pem', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n');
  p('docs/readme.md', 'password: example\nDEBUG_TOKEN=disabled\n');
});

describe('fnox scan', () => {
  it('reports redacted findings with positions, honouring .gitignore, excludes and skipped directories', async () => {
    const result = await box.run(['scan']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Potential secrets found during scan');
    expect(result.stdout).toBe(
      [
        'Found 6 potential secret(s) in 5 file(s):',
        '.hidden:2:10 [aws-access-key high] AKIA...MNOP',
        'config.env:1:7 [github-token high] ghp_...3456',
        'config.env:1:7 [secret-assignment medium] ghp_...3456',
        'keep.tmp:1:1 [aws-access-key high] AKIA...MNOP',
        'keys/id.pem:1:1 [pem-private-key high] ----...----',
        'sub/deep/app.yml:2:12 [secret-assignment medium] abc1...345!',
        '',
      ].join('\n'),
    );
    for (const secret of [GH, AWS, 'abc12345!']) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('--format json, --quiet, --ignore and a DIR argument', async () => {
    const json = JSON.parse((await box.run(['scan', 'sub', '--format', 'json'])).stdout);
    expect(json).toEqual({
      findings: [{ path: 'sub/deep/app.yml', line: 2, column: 12, detector: 'secret-assignment', severity: 'medium', redacted: 'abc1...345!' }],
      summary: { files_scanned: 1, files_with_findings: 1, findings: 1 },
    });
    const quiet = await box.run(['scan', '-q', '-i', '*.pem', '--ignore', 'sub/**', '-i', '.hidden']);
    expect(quiet).toMatchObject({ code: 1, stdout: 'config.env\nkeep.tmp\n' });
    const quietJson = await box.run(['scan', '-q', '--format', 'json', 'keys']);
    expect(JSON.parse(quietJson.stdout)).toEqual(['keys/id.pem']);
    const clean = await box.run(['scan', 'docs']);
    expect(clean).toMatchObject({ code: 0, stdout: 'No potential secrets found in 1 file(s) under docs\n' });
    const relative = await box.run(['scan', '..', '-q'], { cwd: join(box.project, 'sub') });
    expect(relative.stdout).toContain('deep/app.yml\n');
    expect(relative.stdout).toContain(`${join(box.project, 'config.env')}\n`);
  });

  it('needs no config file and has help', async () => {
    const empty = join(box.home, 'empty');
    mkdirSync(empty);
    const result = await box.run(['scan', empty]);
    expect(result).toMatchObject({ code: 0, stdout: `No potential secrets found in 0 file(s) under ${empty}\n` });
    await expectHelpOf(box, ['scan']);
  });
});
