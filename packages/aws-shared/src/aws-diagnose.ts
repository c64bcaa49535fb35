/**
 * `fnox doctor`'s view of an AWS provider: where the SDK will take credentials from, in the order
 * of its default chain, without calling AWS or reading a key.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DiagnosisItem, ProviderDiagnosis } from '@fnox/contract';
import type { AwsSettings } from './aws-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The credential sources of `settings`, the first that applies marked as used. */
export function diagnoseAws(settings: AwsSettings, env: Env): ProviderDiagnosis {
  const home = env.HOME || homedir();
  const items: DiagnosisItem[] = [];
  const add = (item: Omit<DiagnosisItem, 'used'>, applies: boolean) => {
    if (applies) items.push({ ...item, used: !items.some((i) => i.used) && item.found !== false });
  };
  const staticKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  add({ description: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables', found: staticKeys }, true);
  add({ description: `profile '${settings.profile}'` }, settings.profile !== undefined);
  const sharedFiles: [string, string][] = [
    [env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), 'shared credentials file'],
    [env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), 'shared config file'],
  ];
  for (const [path, description] of sharedFiles) add({ description, path, found: existsSync(path) }, true);
  add(
    {
      description: 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)',
      path: env.AWS_WEB_IDENTITY_TOKEN_FILE ?? '',
      found: existsSync(env.AWS_WEB_IDENTITY_TOKEN_FILE ?? ''),
    },
    Boolean(env.AWS_WEB_IDENTITY_TOKEN_FILE),
  );
  if (settings.roleArn) items.push({ description: `then assumes role ${settings.roleArn} with STS` });
  items.push({ description: `endpoint ${settings.endpointLabel}, region ${settings.region}` });
  return { title: 'AWS credentials', items };
}
