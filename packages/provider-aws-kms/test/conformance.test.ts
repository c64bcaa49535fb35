import { DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { awsClientConfig } from '@fnox/aws-emulator';
import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import provider from '../src/provider.js';
import { disposeAll, emulatorEnv, makeContext, makeProvider, startKms } from './support/kms.js';

// Failing values are needed when the suite is declared, so the emulator starts at module load.
const fx = await startKms();
const [other] = fx.emu.control.seed({ keys: [{ aliases: ['alias/other'] }] }).keys;
const env = emulatorEnv(fx.emu.url);
const writer = await makeProvider({ key_id: other!.keyId, region: 'us-east-1' }, makeContext({ env }));
const foreign = await writer.put!('K', 'made with another key');
// An enabled other key would decrypt (Decrypt follows the ciphertext's key); a disabled one must not.
const admin = new KMSClient(awsClientConfig(fx.emu.url));
await admin.send(new DisableKeyCommand({ KeyId: other!.keyId }));
admin.destroy();
const own = await (await makeProvider({ key_id: fx.alias, region: 'us-east-1' }, makeContext({ env }))).put!('K', 'tamper me');
// Flip one base64 character inside the encrypted part (the tail holds ciphertext and tag).
const tampered = own.slice(0, -10) + (own.at(-10) === 'A' ? 'B' : 'A') + own.slice(-9);
await disposeAll();

describe('aws-kms', () => {
  providerConformance(
    { describe, it, beforeAll, afterAll },
    {
      definition: provider,
      config: () => ({ key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url }),
      invalidConfig: { key_id: 'alias/x', region: 'us-east-1', role_arn: 'arn:aws:iam::123:role/short-account' },
      context: () => ({ env }),
      failing: [
        { value: 'not base64 at all!', code: 'decrypt', name: 'a value that is not base64' },
        { value: 'AQICAHh=', code: 'decrypt', name: 'base64 with bad padding' },
        { value: '', code: 'decrypt', name: 'an empty value' },
        { value: tampered, code: 'decrypt', name: 'a tampered ciphertext' },
        { value: foreign, code: 'decrypt', name: 'a ciphertext of another, disabled key' },
        { value: Buffer.from('garbage that KMS cannot parse').toString('base64'), code: 'decrypt', name: 'base64 that is no CiphertextBlob' },
      ],
      teardown: () => fx.emu.stop(),
    },
  );
});
