import { buildFnoxSchema, providerSchemaInputs } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Schema extends FnoxCommand<typeof Schema> {
  static override summary = 'Print the JSON Schema of fnox.toml, including the fields of every installed provider.';
  static override description =
    'Draft 2020-12. Provider tables are a oneOf on `type` over the provider types this fnox can use (core, installed and linked plugins), ' +
    'with a catch-all branch for other types. Loads each provider definition to read its fields. ' +
    'Point your editor at it, e.g. with a `#:schema ./fnox.schema.json` comment at the top of fnox.toml (taplo / Even Better TOML).';
  static override examples = ['<%= config.bin %> schema > fnox.schema.json'];

  async run(): Promise<void> {
    const registry = this.providerRegistry();
    const log = { warn: (line: string) => this.say(line) };
    for (const warning of registry.report.warnings) log.warn(`Warning: ${warning}`);
    const schema = buildFnoxSchema(await providerSchemaInputs(registry, log));
    this.out(`${JSON.stringify(schema, null, 2)}\n`);
  }
}
