import { describe, expect, it } from 'vitest';
import { parseTemplate, renderDefault, templateRefs } from '../../src/resolve/interpolate.js';
import { effective } from './helpers.js';

describe('parseTemplate', () => {
  it.each([
    ['plain text', [{ text: 'plain text' }]],
    ['${A}', [{ ref: 'A' }]], // no empty text before or after the reference
    ['x${A}y${B}', [{ text: 'x' }, { ref: 'A' }, { text: 'y' }, { ref: 'B' }]],
    ['a}b', [{ text: 'a}b' }]], // a brace without `${` is text
    ['a}${b}', [{ text: 'a}' }, { ref: 'b' }]], // the closing brace is searched after the `${`
    ['${open', [{ text: '${open' }]], // no closing brace: literal
    ['${A}${open', [{ ref: 'A' }, { text: '${open' }]],
  ])('%j', (template, parts) => {
    expect(parseTemplate('K', template)).toEqual(parts);
  });

  it('${} is an error naming the secret', () => {
    expect(() => parseTemplate('K', 'x${}')).toThrow("Secret 'K' has an empty interpolation reference in default value");
  });
});

describe('templateRefs', () => {
  it.each([
    [undefined, []],
    ['no refs', []],
    ['a${B}c${D}', ['B', 'D']],
    ['${}', []], // malformed: what parses, here nothing
  ])('%j → %j', (template, refs) => {
    expect(templateRefs(template)).toEqual(refs);
  });
});

describe('renderDefault', () => {
  it('renders text and looked-up references; "no value" renders empty', async () => {
    const config = effective({ secrets: { A: { default: 'a' }, B: { default: 'b' } } });
    const lookup = async (name: string) => (name === 'A' ? 'alpha' : undefined);
    expect(await renderDefault('K', 'x-${A}-${B}-y', config, lookup)).toBe('x-alpha--y');
    expect(await renderDefault('K', 'literal', config, lookup)).toBe('literal');
  });

  it('a reference to an undefined secret is an error naming both', async () => {
    const config = effective({ secrets: { A: { default: 'a' } } });
    await expect(renderDefault('K', '${NOPE}', config, async () => 'v')).rejects.toThrow("Secret 'K' references undefined secret 'NOPE' in default value");
  });
});
