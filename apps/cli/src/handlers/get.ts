import { getSecret } from '@fnox/core/hot';
import type { Handler } from '../handler.js';
import { stdout } from '../stdio.js';
import { dataForStdout } from '../terminal-style.js';

/** `fnox get KEY`: the value (or an as_file path) plus newline; "no value" prints nothing at all. */
export const handler: Handler = async ({ session }, { args, flags }) => {
  const result = await getSecret(await session(), args.key ?? '', { base64Decode: flags['base64-decode'] === true });
  if (result.kind === 'value') stdout.write(`${dataForStdout(result.value, result.untrusted)}\n`);
  else if (result.kind === 'file') stdout.write(`${result.path}\n`);
};
