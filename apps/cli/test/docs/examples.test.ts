/**
 * Runs every runnable example of docs/ (convention in ./runnable.ts and docs/README.md) against
 * the built CLI, each chain of blocks in its own sandbox, and compares the output blocks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@fnox/test-kit';
import { ConventionError, docPages, matchesOutput, parsePage, Sandbox, type Chain } from './runnable.js';

/** Generous per-block guard against hangs (a slow shared machine); never a timing assertion. */
const STEP_TIMEOUT_MS = 120_000;

const pages = docPages();
const parsed = pages.map((page) => {
  try {
    return { page, chains: parsePage(readFileSync(join(REPO_ROOT, page), 'utf8'), page) };
  } catch (error) {
    return { page, chains: [] as Chain[], error: error as Error };
  }
});
const counted = { blocks: 0, outputs: 0, ran: 0 };
for (const { chains } of parsed) {
  for (const chain of chains) {
    counted.blocks += chain.steps.length;
    counted.outputs += chain.steps.filter((s) => s.expected !== undefined).length;
  }
}

afterAll(() => {
  console.log(`docs examples: ${counted.ran} of ${counted.blocks} runnable blocks ran (${counted.outputs} with an output block) on ${pages.length} pages`);
});

describe('docs examples', () => {
  it('every page follows the runnable-block convention', () => {
    for (const { error } of parsed) if (error) expect.fail(error.message);
  });

  it('the docs have runnable examples', () => {
    expect(counted.blocks).toBeGreaterThan(0);
  });

  for (const { page, chains } of parsed) {
    describe(page, () => {
      for (const chain of chains) {
        const first = chain.steps[0]!;
        const title = `${page}:${first.line}${chain.steps.length > 1 ? ` (+${chain.steps.length - 1} continued)` : ''}`;
        it(
          title,
          async () => {
            const sandbox = new Sandbox();
            try {
              if (chain.steps.some((s) => s.aws)) await sandbox.startAws();
              for (const step of chain.steps) {
                const result = await sandbox.run(step, STEP_TIMEOUT_MS);
                counted.ran++;
                const context = [
                  `${step.file}:${step.line}`,
                  `--- block\n${step.body}`,
                  ...(step.setup ? [`--- hidden setup output\n${result.setupOutput}`] : []),
                  `--- output (stdout+stderr)\n${result.output}`,
                ].join('\n');
                if (result.status !== step.exit) expect.fail(`exit status ${result.status}, expected ${step.exit}\n${context}`);
                if (step.expected !== undefined && !matchesOutput(step.expected, result.output)) {
                  expect.fail(`output differs from the output block\n--- expected\n${step.expected}\n${context}`);
                }
              }
            } finally {
              sandbox.cleanup();
            }
          },
          STEP_TIMEOUT_MS * (chain.steps.length + 1),
        );
      }
    });
  }
});

describe('the runner itself', () => {
  it('matches output with ... wildcards within and across lines', () => {
    expect(matchesOutput('a\nb', 'a\nb\n')).toBe(true);
    expect(matchesOutput('✓ Created ... at ...', "✓ Created new fnox configuration at '/tmp/x'")).toBe(true);
    expect(matchesOutput('first\n...\nlast', 'first\nx\ny\nlast')).toBe(true);
    expect(matchesOutput('first\n...\nlast', 'first\nlast')).toBe(true);
    expect(matchesOutput('a', 'a\nb')).toBe(false);
    expect(matchesOutput('a\nc', 'a\nb')).toBe(false);
  });

  it('rejects typos instead of skipping an example', () => {
    expect(() => parsePage('```bash runable\nx\n```\n```bash runnable contnue\nx\n```', 'p.md')).toThrow(ConventionError);
    expect(() => parsePage('```bash runnable continue\nx\n```', 'p.md')).toThrow(/first runnable block/);
    expect(() => parsePage('text\n\n```text output\nx\n```', 'p.md')).toThrow(/directly follow/);
    expect(() => parsePage('<!-- runnable-setup\nx\n-->\n\nprose\n\n```bash\ny\n```', 'p.md')).toThrow(/precede/);
    expect(() => parsePage('```toml runnable\nx = 1\n```', 'p.md')).toThrow(/file=PATH/);
  });

  it('parses setup, continue, exit, file and output', () => {
    const chains = parsePage(
      [
        '```toml runnable file=fnox.toml',
        'a = 1',
        '```',
        '<!-- runnable-setup',
        'echo hidden',
        '-->',
        '```bash runnable continue exit=1',
        'false',
        '```',
        '',
        '```text output',
        'out',
        '```',
      ].join('\n'),
      'p.md',
    );
    expect(chains).toHaveLength(1);
    const [file, run] = chains[0]!.steps;
    expect(file).toMatchObject({ writeTo: 'fnox.toml', body: 'a = 1' });
    expect(run).toMatchObject({ continues: true, exit: 1, setup: 'echo hidden', expected: 'out', body: 'false' });
  });
});
