import type { JsonHandler } from '../context.js';
import { readOperations } from './read-operations.js';
import { writeOperations } from './write-operations.js';

/** Every `secretsmanager.*` operation the emulator implements. */
export const secretsManagerOperations: Record<string, JsonHandler> = { ...readOperations, ...writeOperations };
