import { fieldsSchema, type FieldsOutput, type FieldsSchema, type StandardSchemaV1 } from '@fnox/contract';
import { awsFieldIssues } from '@fnox/aws-shared';

const fields = {
  region: { kind: 'string', required: true, description: 'AWS region of the secrets, e.g. us-east-1', prompt: 'AWS region', example: 'us-east-1' },
  prefix: {
    kind: 'string',
    description: 'Prepended verbatim to every secret name (no separator is added), e.g. "myapp/"',
    prompt: 'Secret name prefix (optional)',
  },
  profile: { kind: 'string', description: 'Shared-config profile for credentials (default: AWS_PROFILE or the SDK chain)', prompt: 'AWS profile (optional)' },
  endpoint: { kind: 'string', description: 'Custom endpoint URL (LocalStack, an emulator, a VPC endpoint); also used for STS' },
  role_arn: {
    kind: 'string',
    description: 'IAM role to assume with STS (session name "fnox"), e.g. arn:aws:iam::123456789012:role/secrets-reader',
    prompt: 'IAM role ARN to assume (optional)',
  },
} as const;

/** The validated `[providers.NAME]` table of an `aws-sm` provider. */
export type SecretsManagerConfig = FieldsOutput<typeof fields>;

const base = fieldsSchema(fields);

/**
 * The `aws-sm` table schema: the field map (for the wizard and JSON Schema) plus format checks on
 * `region`, `endpoint` and `role_arn`, reported as `field: message` issues.
 */
export const configSchema: FieldsSchema<typeof fields> = {
  fields,
  '~standard': {
    ...base['~standard'],
    async validate(input: unknown): Promise<StandardSchemaV1.Result<SecretsManagerConfig>> {
      const result = await base['~standard'].validate(input);
      if (result.issues) return result;
      const issues: StandardSchemaV1.Issue[] = awsFieldIssues(result.value).map(([field, message]) => ({ message, path: [field] }));
      return issues.length > 0 ? { issues } : result;
    },
  },
};
