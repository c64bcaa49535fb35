import type { JsonHandler } from '../context.js';
import { aliasOperations } from './alias-operations.js';
import { cryptoOperations } from './crypto-operations.js';
import { keyOperations } from './key-operations.js';
import { rotationOperations } from './rotation-operations.js';

/** Every `TrentService.*` operation the emulator implements. */
export const kmsOperations: Record<string, JsonHandler> = { ...keyOperations, ...rotationOperations, ...aliasOperations, ...cryptoOperations };
