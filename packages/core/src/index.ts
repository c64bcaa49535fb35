// Terminal text: every piece of config/provider text shown on a terminal goes through escapeControls
export { escapeControls, hasControls, type EscapeControlsOptions } from './format/terminal-text.js';
export { isTerminal } from './io/is-terminal.js';
export { signalOwned, signalOwner } from './signal-owner.js';

// Errors and the exit-code table
export {
  ERROR_CODES,
  EXIT_CODES,
  FnoxError,
  isFnoxError,
  isStopError,
  renderError,
  stoppedBy,
  type ErrorStyle,
  type StopSignal,
  toFnoxError,
  type FnoxErrorCode,
  type FnoxErrorOptions,
  type RenderErrorOptions,
} from './errors.js';

// Providers: discovery index, lazy loading, instances, the built-in plain provider
export {
  BUILTIN_PROVIDER_ENTRIES,
  createProviderRegistry,
  withBuiltins,
  type ProviderRegistry,
  type ProviderRegistryOptions,
} from './providers/registry.js';
export { COMMON_PROVIDER_KEYS, instantiateProvider, providerOwnConfig, validateProviderConfig } from './providers/instance.js';
export { canonicalProviderType, installCommandFor, KNOWN_PROVIDER_TYPES, providerNotInstalled, providerPackageFor, type KnownProviderType } from './providers/catalog.js';
export { plainProvider } from './providers/plain.js';

// Sessions: what every operation receives from its host
export {
  createSession,
  globalConfigDir,
  stderrLogger,
  type ActivityReporter,
  type FnoxSession,
  type GlobalOptions,
  type Logger,
  type SessionInit,
} from './session.js';
export type { SessionIO } from './io/session-io.js';

// Config model
export type {
  EffectiveConfig,
  EnvMode,
  IfMissing,
  MergedConfig,
  ProfileConfig,
  ProviderConfig,
  ProviderMap,
  SecretConfig,
  SecretMap,
  SourceRef,
  Sourced,
} from './config/types.js';

// Resolution (secret-resolution owner): provider instances per command, suggestions
export {
  createProviderFactory,
  providerNotConfigured,
  type ProviderFactory,
  type ProviderFactoryOptions,
  type ProviderHandle,
} from './resolve/provider-factory.js';
export { findSimilar, formatSuggestions, jaroWinkler } from './resolve/suggest.js';
export { editDistance } from './config/suggest-key.js';
export { createResolver, type ResolvedValue, type Resolver, type ResolverOptions } from './resolve/resolver.js';
export { GET_CONCURRENCY, PROVIDER_CONCURRENCY } from './resolve/batch.js';
export { resolveDefaultProvider } from './resolve/default-provider.js';
export { createIfMissingPolicy, type IfMissingPolicy } from './resolve/if-missing.js';
export { parseTemplate, renderDefault, templateRefs, type TemplatePart } from './resolve/interpolate.js';
export { extractJsonPath, extractLine, postProcess, splitJsonPath } from './resolve/post-process.js';
export { envMode, injectedIntoExec, secretsFor, type ResolvePurpose } from './resolve/env-mode.js';
export { errorMessage, providerStep } from './resolve/provider-step.js';
export { computeLevels, type Levels } from './resolve/levels.js';
export { mapLimit } from './resolve/concurrency.js';

// Output formatting (secret-resolution owner): shell quoting (shared with shell integration), export formats
export { fishEscape, fishQuote, posixQuote } from './format/shell-quote.js';
export { dotenvQuote, EXPORT_FORMATS, formatExport, rfc3339, type ExportData, type ExportFormat } from './format/export-formats.js';
export { toYaml, yamlScalar } from './format/yaml.js';
export { toToml, tomlKey, tomlString } from './format/toml-out.js';

// Config engine (config owner): discovery, layering, validation, write targets, format-preserving writes
export { loadConfig, loadConfigSync, configFiles, type LoadOptions } from './config/load.js';
export { effectiveConfig, type EffectiveOptions } from './config/effective.js';
export {
  DEFAULT_PROFILE,
  envFlag,
  isValidProfileName,
  noDefaultsEnabled,
  nonDefaultProfiles,
  profileLabel,
  profileStack,
} from './config/profiles.js';
export {
  DISCOVERY_NAMES,
  candidateFileNames,
  expandHome,
  globalConfigPath,
  isDiscoveryMode,
  isProfileFileName,
  readConfigFile,
} from './config/files.js';
export { validateFile, SECRET_KEYS, type FileConfig, type FileProfile } from './config/schema.js';
export { assertValidConfig, validateConfig, type ConfigIssue } from './config/validate.js';
export { writeProfile, writeTarget, type WriteTarget, type WriteTargetOptions } from './config/write-target.js';
export { parseToml, caretSnippet, type TomlTable } from './config/toml-read.js';
export { locateKeys, type KeyLocation, type Position } from './config/locate.js';
export { atomicWriteFile, withFileLock, type LockOptions } from './config/atomic-write.js';
export { orderedSecretFields, removeSecretFromText, setSecretInText } from './config/edit-secret.js';
export { initConfig, initConfigText, initTarget, type InitOptions, type InitProvider, type InitResult } from './ops/init/init-config.js';
export {
  runInitWizard,
  wizardCancelled,
  type InitWizardOptions,
  type InitWizardResult,
} from './ops/init/init-wizard.js';
export { WIZARD_CATEGORIES, wizardCatalog, wizardFields, wizardOffer, type WizardCatalog, type WizardField, type WizardOffer } from './ops/init/init-wizard-offers.js';
export { testInitProvider } from './ops/init/init-wizard-steps.js';
export { setSecret, writeSecretEntry, type SetSecretOptions, type SetSecretResult } from './ops/write/set-secret.js';
export { removeSecret, type RemoveSecretOptions, type RemoveSecretResult } from './ops/write/remove-secret.js';
export { listProfiles, listSecrets, secretKind, type ProfileListing, type SecretList, type SecretListing } from './ops/inspect/list-secrets.js';
export type { MissingProviderType } from './ops/inspect/missing-provider-types.js';
export { readSecretInput, type SecretInput } from './ops/write/secret-input.js';
export { assertSecretName, isValidSecretName } from './ops/write/secret-name.js';

// Operations that hand secrets to programs (secret-resolution owner): get, exec, export, check
export { decodeBase64Secret, getSecret, secretNotFound, type GetOptions, type GetResult } from './ops/read/get.js';
export {
  execWithSecrets,
  FORWARDED_SIGNALS,
  prepareExecEnv,
  spawnWithEnv,
  type ExecEnvironment,
  type ExecOptions,
  type SpawnOptions,
} from './ops/read/exec.js';
export { exportSecrets, type ExportOptions, type ExportResult } from './ops/read/export.js';
export { checkConfig, type CheckOptions, type CheckReport } from './ops/inspect/check.js';
export { removeFiles, tempDirFor, writeSecretFile } from './resolve/temp-files.js';
export { loadActiveConfig, type ActiveConfigOptions } from './ops/active-config.js';

// Shell integration (shell-integration owner): activate, hook-env, deactivate and their parts
export { activate, type ActivateOptions } from './ops/shell/activate.js';
export { deactivate } from './ops/shell/deactivate.js';
export { hookEnv, type HookEnvOptions, type HookEnvResult } from './ops/shell/hook-env.js';
export { SHELLS, detectActivateShell, detectHookShell, isShellName, parseShell, type ShellName } from './shell/shells.js';
export { decodeSession, encodeSession, EMPTY_SESSION, type SessionState } from './shell/session-state.js';
export { normalSummary, shellOutputLevel, summaryWidth, type ShellOutputLevel } from './shell/summary.js';
export { exportLine, fishWord, shellWord, unsetLine } from './shell/quote.js';

// Everyday admin commands (admin-commands owner): import, doctor, edit, provider add/list/remove/test,
// reencrypt, sync, scan — plus the small helpers they share.
export { compileFilter } from './ops/bulk/filter-regex.js';
export { confirmationLines, isYes } from './ops/bulk/confirm.js';
export { rawSecret, resolveRaw, type RawResolveOptions } from './ops/read/raw-resolve.js';
export { readConfigText, withFileLocks, writeEntries, type EntryWrite } from './ops/write/write-entries.js';
export { IMPORT_FORMATS, parseDotenv, parseImportInput, type ImportFormat } from './ops/import/import-parse.js';
export { parseYamlMapping } from './ops/import/import-yaml.js';
export { applyImport, planImport, type ImportOptions, type ImportPlan, type ImportResult } from './ops/import/import-secrets.js';
export { providerTemplate } from './ops/providers/provider-template.js';
export { addProviderToText, removeProviderFromText } from './ops/providers/provider-table-edit.js';
export {
  addProvider,
  listProviders,
  providerWriteTarget,
  removeProvider,
  testProviders,
  type ProviderEditResult,
  type ProviderListing,
  type ProviderTestResult,
  type ProviderWriteTarget,
} from './ops/providers/provider-admin.js';

// Node API and ecosystem (ecosystem owner): loadSecrets, providers among an app's dependencies, JSON Schema
export { loadSecrets, type LoadSecretsOptions } from './api/load-secrets.js';
export { dependencyProviders, findAppPackageJson } from './api/dependency-providers.js';
export { buildFnoxSchema } from './schema/fnox-schema.js';
export { COMMON_PROVIDER_SCHEMA_KEYS, fieldToJsonSchema, providerBranch, providerSchema, type JsonSchema, type ProviderSchemaInput } from './schema/provider-schema.js';
export { providerSchemaInputs } from './schema/collect.js';
export { applyReencrypt, fileEntry, planReencrypt, sourceSection, type ReencryptOptions, type ReencryptPlan } from './ops/bulk/reencrypt.js';
export { applySync, planSync, type SyncOptions, type SyncPlan } from './ops/bulk/sync.js';
export { createScratchFile, editorProgram, spawnEditor, type EditorRunner, type ScratchFile } from './ops/edit/edit-editor.js';
export { EDIT_HEADER_PREFIX, editConfig, type EditOptions, type EditResult } from './ops/edit/edit-config.js';
export { DETECTORS, looksLikeSecret, redact, scanContent, shannonEntropy, type ScanFinding, type Severity } from './ops/scan/detectors.js';
export { compileIgnoreGlobs } from './ops/scan/ignore-globs.js';
export { isIgnored, parseIgnoreFile, type RuleSet } from './ops/scan/ignore-files.js';
export { SKIPPED_DIRS, walkFiles } from './ops/scan/walker.js';
export { affectedPaths, MAX_SCAN_FILE_SIZE, scanDirectory, type ScanOptions, type ScanReport } from './ops/scan/scan.js';

// Trust (docs/security.md): `fnox trust`, the verdict the loader records per file
export { explainTrust, listTrusted, trustFiles, untrustFiles, type TrustedEntry, type TrustExplanation, type TrustOptions, type TrustOutcome } from './trust/trust-ops.js';
export { trustCommand, trustVerdict, type TrustReason, type TrustVerdict } from './trust/verdict.js';
export { trustDir } from './trust/trust-dir.js';
export { isUntrustedSource } from './config/types.js';
export { doctor, type DoctorReport, type ProviderHealth } from './ops/inspect/doctor.js';
export { configKeyTable, renderConfigKeyDocs } from './config/key-docs.js';
export { CONFIG_KEYS, keysIn, type ConfigKey, type KeyKind, type KeyScope, type MergeRule } from './config/keys.js';
