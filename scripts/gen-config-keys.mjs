// Rewrites the key reference tables of docs/configuration.md from the key table in
// packages/core/src/config/keys.ts (run after `pnpm build`; a core test checks the page is current).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigKeyDocs } from '../packages/core/dist/config/key-docs.js';

const page = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
writeFileSync(page, renderConfigKeyDocs(readFileSync(page, 'utf8')));
