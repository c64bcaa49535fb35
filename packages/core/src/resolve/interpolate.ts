/** `${NAME}` references inside `default` values (ARCHITECTURE.md, "The resolution pipeline"). */
import type { EffectiveConfig } from '../config/types.js';
import { FnoxError } from '../errors.js';

/** A piece of a default: literal text or a reference. */
export type TemplatePart = { readonly text: string } | { readonly ref: string };

/**
 * Split a default into text and `${NAME}` references. Only the braced form; no escapes; a `${`
 * without a closing `}` is literal. `${}` is an error naming `key`.
 */
export function parseTemplate(key: string, template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf('${');
    if (open < 0) break;
    const close = rest.indexOf('}', open + 2);
    if (close < 0) break;
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const name = rest.slice(open + 2, close);
    if (name === '') {
      throw new FnoxError('config_invalid', `Secret '${key}' has an empty interpolation reference in default value`);
    }
    parts.push({ ref: name });
    rest = rest.slice(close + 1);
  }
  if (rest !== '') parts.push({ text: rest });
  return parts;
}

/** The names a default references (for ordering); malformed templates yield what parses. */
export function templateRefs(template: string | undefined): string[] {
  if (template === undefined || !template.includes('${')) return [];
  try {
    return parseTemplate('', template).flatMap((p) => ('ref' in p ? [p.ref] : []));
  } catch {
    return [];
  }
}

/**
 * Render a default: each reference must name an effective secret; `lookup` resolves it with full
 * semantics. "No value" renders as the empty string.
 */
export async function renderDefault(
  key: string,
  template: string,
  effective: EffectiveConfig,
  lookup: (name: string) => Promise<string | undefined>,
): Promise<string> {
  if (!template.includes('${')) return template;
  let out = '';
  for (const part of parseTemplate(key, template)) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    if (!effective.secrets.has(part.ref)) {
      throw new FnoxError('config_invalid', `Secret '${key}' references undefined secret '${part.ref}' in default value`);
    }
    out += (await lookup(part.ref)) ?? '';
  }
  return out;
}

/** The error for a cycle among defaults that must be used. */
export function interpolationCycleError(keys: readonly string[]): FnoxError {
  return new FnoxError('interpolation_cycle', `Interpolation dependency cycle among secrets: ${keys.join(', ')}`);
}
