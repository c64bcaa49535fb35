/**
 * `fnox import yaml`: the input is read with js-yaml (YAML 1.2 core schema: anchors, aliases, tags
 * such as `!!str`, block, multi-line plain and quoted scalars all work), loaded lazily because only
 * `import` needs it. Integers beyond 2^53 are kept as their text so no digit is lost. Errors carry
 * js-yaml's reason and position but never its snippet of the input.
 */
import type { Logger } from '../../session.js';
import { importParseFailure, mappingValues } from './import-mapping.js';

type JsYaml = typeof import('js-yaml');
/** js-yaml's built-in int type (exported at run time as `types.int`; its typings omit it). */
interface IntType {
  resolve(data: string): boolean;
  construct(data: string): number;
  represent: import('js-yaml').TypeConstructorOptions['represent'];
  defaultStyle?: string;
}

let schema: import('js-yaml').Schema | undefined;

/** The core schema with an int type that keeps unsafe integers as their text. */
function lossless(yaml: JsYaml): import('js-yaml').Schema {
  if (schema) return schema;
  const int = (yaml as unknown as { types: { int: IntType } }).types.int;
  const exactInt = new yaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data: string) => int.resolve(data),
    construct: (data: string) => {
      const value = int.construct(data);
      return Number.isSafeInteger(value) ? value : data;
    },
    predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
    represent: int.represent,
    defaultStyle: int.defaultStyle,
  });
  schema = yaml.CORE_SCHEMA.extend({ implicit: [exactInt] });
  return schema;
}

/** The reason of a js-yaml error, without anything quoted from the input (tags, keys). */
function safeReason(reason: string | undefined): string {
  return (reason ?? 'invalid YAML').replace(/!<[^>]*>/g, '!<…>').replace(/"[^"]*"|'[^']*'/g, '…');
}

/** Parse a YAML document whose top level maps names to values. */
export async function parseYamlMapping(text: string, source: string, log: Logger): Promise<Map<string, string>> {
  const yaml = await import('js-yaml');
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: lossless(yaml), filename: source });
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    const mark = error.mark as { line?: number; column?: number } | undefined;
    const at = mark?.line === undefined ? undefined : { line: mark.line + 1, col: (mark.column ?? 0) + 1 };
    throw importParseFailure('YAML', source, safeReason(error.reason), at);
  }
  return mappingValues(doc, 'YAML', source, log);
}
