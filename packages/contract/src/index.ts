export type { StandardSchemaV1 } from './standard-schema.js';
export type { ProviderContext, ProviderLogger } from './context.js';
export type {
  DiagnosisItem,
  ProviderDiagnosis,
  ProviderSetup,
  SetupContext,
  SetupOffer,
  SetupSuggestion,
  SuggestedFields,
} from './setup.js';
export {
  ProviderError,
  PROVIDER_ERROR_CODES,
  isProviderError,
  type ProviderErrorCode,
  type ProviderErrorLike,
  type ProviderErrorOptions,
} from './errors.js';
export {
  CONTRACT_VERSION,
  defineProvider,
  isProviderDefinition,
  providerDefinitionVersion,
  type BrandedProviderDefinition,
  type ProviderDefinition,
  type ProviderInstance,
  type ProviderMode,
  type SecretOutcome,
  type SecretRequest,
} from './provider.js';
export { fieldAnswerProblem, fieldsSchema, fieldsTemplate, schemaFields, type FieldCommon, type FieldSpec, type FieldsOutput, type FieldsSchema, type ProviderReference } from './fields-schema.js';
export {
  readProviderManifests,
  SUPPORTED_CONTRACTS,
  type FnoxPackageField,
  type PluginDescriptor,
  type ProviderConflict,
  type ProviderIndexEntry,
  type ProviderManifestEntry,
  type ProviderManifestReport,
  type ProviderOrigin,
} from './manifest.js';
export { expandHome } from './paths.js';
export { readPackageJson } from './package-json.js';
export { base64Problem, type Base64Problem } from './base64.js';
export { BoundedReadError, MAX_INPUT_FILE_BYTES, readRegularFileSync, type BoundedReadRefusal } from './read-file.js';
export { replaceFileSync, type ReplaceFileOptions } from './replace-file.js';
