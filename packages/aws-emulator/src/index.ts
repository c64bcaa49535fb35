export { start, type RunningEmulator, type StartOptions } from './server.js';
export type { EmulatorControl } from './control.js';
export type { FaultAction, FaultRule, FaultStatus } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { SeedFile, SeedKey, SeedResult, SeedSecret, SeedSecretVersion } from './seed.js';
export type { PersistedState } from './state.js';
export {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
  type AccessKey,
} from './credentials.js';
export { awsClientConfig, hermeticAwsEnv, type AwsClientConfig, type HermeticAwsEnvOptions } from './testing.js';
