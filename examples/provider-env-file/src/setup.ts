import { existsSync } from 'node:fs';
import type { ProviderDiagnosis, SetupSuggestion } from '@fnox/contract';
import { envFilePath } from './env-file.js';

const CANDIDATES = ['.env', '.env.local', '.env.shared'];

/** `fnox init`: propose the first dotenv file that exists next to the new fnox.toml. */
export function suggestEnvFile(configDir: string): SetupSuggestion {
  const found = CANDIDATES.find((name) => existsSync(envFilePath(name, configDir)));
  return found ? { fields: { path: found }, notes: [`Found ${found} in ${configDir}`] } : { notes: [`No ${CANDIDATES.join(', ')} in ${configDir} yet.`] };
}

/** `fnox doctor`: which file the provider reads and whether it is there. */
export function envFileStatus(path: string, configDir: string): ProviderDiagnosis {
  const absolute = envFilePath(path, configDir);
  const found = existsSync(absolute);
  return {
    title: 'env file',
    items: [{ description: 'dotenv file', path: absolute, found, used: true }],
    ...(found ? {} : { problem: { message: `Env file not found: ${absolute}`, hint: `Create ${absolute}, or fix \`path\` in the provider table` } }),
  };
}
