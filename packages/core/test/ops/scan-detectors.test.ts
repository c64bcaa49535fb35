import { describe, expect, it } from 'vitest';
import { looksLikeSecret, redact, scanContent, shannonEntropy } from '../../src/ops/scan/detectors.js';
import { isIgnored, parseIgnoreFile } from '../../src/ops/scan/ignore-files.js';
import { compileIgnoreGlobs } from '../../src/ops/scan/ignore-globs.js';

describe('scan detectors', () => {
  it('matches upstream cases: a token assignment gives two findings, placeholders none', () => {
    const findings = scanContent('config.env', 'TOKEN=ghp_abcdefghijklmnopqrstuvwxyz123456\n');
    expect(findings.map((f) => f.detector)).toEqual(['github-token', 'secret-assignment']);
    expect(findings.every((f) => !f.redacted.includes('abcdefghijklmnopqrstuvwxyz'))).toBe(true);
    expect(scanContent('config.env', 'PASSWORD=example\nDEBUG_TOKEN=disabled\n')).toEqual([]);
    expect(scanContent('config.env', 'ok=true\npassword = abc12345!\n')[0]).toMatchObject({ line: 2, column: 12 });
  });

  it('knows every detector', () => {
    const text = [
      'AKIAABCDEFGHIJKLMNOP ASIAABCDEFGHIJKLMNOP',
      'xoxb-1234567890-abc',
      'sk_live_abcdefghijklmnop',
      `AIza${'a'.repeat(35)}`,
      '-----BEGIN EC PRIVATE KEY-----',
      'abc',
      '-----END EC PRIVATE KEY-----',
      'api-key: "Zx9#kLm2Qp"',
    ].join('\n');
    expect(scanContent('f', text).map((f) => `${f.detector}@${f.line}:${f.column}`)).toEqual([
      'aws-access-key@1:1',
      'aws-access-key@1:22',
      'slack-token@2:1',
      'stripe-live-secret-key@3:1',
      'google-api-key@4:1',
      'pem-private-key@5:1',
      'secret-assignment@8:11',
    ]);
  });

  it('redacts and filters like upstream', () => {
    expect(redact('12345678')).toBe('****');
    expect(redact('123456789')).toBe('1234...6789');
    expect(looksLikeSecret('password')).toBe(false);
    expect(looksLikeSecret('abcdefgh')).toBe(false);
    expect(looksLikeSecret('abcdefg1')).toBe(true);
    expect(looksLikeSecret('aB3dE5gH7jK9mN1pQ3sT')).toBe(true);
  });

  it('a generic assignment needs 8+ characters mixing letters and others; placeholders and words are not reported', () => {
    for (const word of ['password', 'changeme', 'example', 'placeholder', 'PASSWORD', 'ChangeMe']) expect(looksLikeSecret(word), word).toBe(false);
    expect(looksLikeSecret('ab1')).toBe(false);
    expect(looksLikeSecret('abc12!7')).toBe(false);
    expect(looksLikeSecret('abc12!78')).toBe(true);
    expect(looksLikeSecret('12345678')).toBe(false);
    expect(looksLikeSecret('1234567a')).toBe(true);
    expect(scanContent('app.env', 'password = placeholder\napi_key: changeme\nsecret=hunter22\n').map((f) => `${f.detector}@${f.line}`)).toEqual([
      'secret-assignment@3',
    ]);
  });

  it('counts lines from a newline at offset 0, and columns in characters', () => {
    expect(scanContent('f', '\npassword = abc12345!\n')[0]).toMatchObject({ line: 2, column: 12 });
    expect(scanContent('f', '\n\n  🔑 AKIAABCDEFGHIJKLMNOP')[0]).toMatchObject({ line: 3, column: 5, redacted: 'AKIA...MNOP' });
  });

  it('exactly 3.5 bits per character is enough', () => {
    // 8 letters twice and 4 letters four times in 32: probabilities 1/16 and 1/8, exactly 3.5 bits.
    const value = 'aabbccddeeffgghhiiiijjjjkkkkllll';
    expect(shannonEntropy(value)).toBe(3.5);
    expect(looksLikeSecret(value)).toBe(true);
    expect(shannonEntropy('')).toBe(0);
  });

  it('reports letters-only values of 20+ characters from 3.5 bits of entropy per character, not below', () => {
    // Letters only, so only the entropy rule can flag them; one just above the threshold, one just below.
    expect(shannonEntropy('abcdefghijkllkjihgfe')).toBeCloseTo(3.522, 3);
    expect(looksLikeSecret('abcdefghijkllkjihgfe')).toBe(true);
    expect(shannonEntropy('abcdefghijkkjihgfedc')).toBeCloseTo(3.422, 3);
    expect(looksLikeSecret('abcdefghijkkjihgfedc')).toBe(false);
    // Long enough matters too: the same entropy in 19 characters is not enough.
    expect(looksLikeSecret('abcdefghijklmnopqrs')).toBe(false);
  });
});

describe('gitignore matcher', () => {
  it('handles anchoring, negation, directories and **', () => {
    const root = parseIgnoreFile('# c\n*.log\n!keep.log\n/build-out\ncache/\ndocs/**/*.tmp\n\\#hash\n', '');
    const sub = parseIgnoreFile('local.txt\n', 'pkg');
    const ig = (p: string, dir = false) => isIgnored([root, sub], p, dir) ?? false;
    expect(ig('a.log')).toBe(true);
    expect(ig('deep/x/a.log')).toBe(true);
    expect(ig('keep.log')).toBe(false);
    expect(ig('build-out')).toBe(true);
    expect(ig('sub/build-out')).toBe(false);
    expect(ig('cache', true)).toBe(true);
    expect(ig('cache')).toBe(false);
    expect(ig('docs/a/b/c.tmp')).toBe(true);
    expect(ig('docs/c.tmp')).toBe(true);
    expect(ig('#hash')).toBe(true);
    expect(ig('pkg/local.txt')).toBe(true);
    expect(ig('local.txt')).toBe(false);
  });

  it('follows gitignore(5): leading and trailing **, escaped trailing space, [!...], a deeper file re-including', () => {
    const root = parseIgnoreFile('**/tmp\nout/**\nsp\\ \n[!k]ey.pem\n*.log\n', '');
    const sub = parseIgnoreFile('!wanted.log\n', 'pkg');
    const ig = (p: string, dir = false) => isIgnored([root, sub], p, dir);
    expect(ig('a/b/tmp', true)).toBe(true);
    expect(ig('out/x/y.txt')).toBe(true);
    expect(ig('sp ')).toBe(true);
    expect(ig('sp')).toBeUndefined();
    expect(ig('hey.pem')).toBe(true);
    expect(ig('key.pem')).toBeUndefined();
    expect(ig('pkg/other.log')).toBe(true);
    expect(ig('pkg/wanted.log')).toBe(false);
    expect(ig('wanted.log')).toBe(true);
  });

  it('--ignore globs match the relative path or the file name; * crosses /', () => {
    const skip = compileIgnoreGlobs(['*.pem', 'fixtures/**', 'src/*.ts', '{a,b}.txt']);
    expect(skip('keys/deep/id.pem')).toBe(true);
    expect(skip('fixtures/x/y.env')).toBe(true);
    expect(skip('src/deep/x.ts')).toBe(true);
    expect(skip('b.txt')).toBe(true);
    expect(skip('other/c.txt')).toBe(false);
  });
});
