import { execWithSecrets } from '@fnox/core/hot';
import type { Handler } from '../handler.js';

/**
 * `fnox exec -- CMD ARGS...`: returns the child's exit status (128 + signal when it was killed).
 * `--replace` (exec in place) is accepted; fnox-ts runs the command as a child instead, which
 * behaves the same for the caller (status, signals, environment) apart from the PID.
 */
export const handler: Handler = async ({ session }, { rest }) => execWithSecrets(await session(), rest);
