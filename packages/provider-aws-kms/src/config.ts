import { fieldsSchema, type FieldsOutput, type FieldsSchema, type StandardSchemaV1 } from '@fnox/contract';
import { awsFieldIssues } from '@fnox/aws-shared';

const fields = {
  // region before key_id: the order `fnox provider add` writes them, as upstream does.
  region: { kind: 'string', required: true, description: 'AWS region of the key, e.g. us-east-1', prompt: 'AWS region', example: 'us-east-1' },
  key_id: {
    kind: 'string',
    required: true,
    description: 'KMS key: key id, key ARN, alias/NAME or alias ARN',
    prompt: 'KMS key id, ARN or alias',
    example: 'alias/my-key',
  },
  profile: { kind: 'string', description: 'Shared-config profile for credentials (default: AWS_PROFILE or the SDK chain)', prompt: 'AWS profile (optional)' },
  endpoint: { kind: 'string', description: 'Custom endpoint URL (LocalStack, an emulator, a VPC endpoint); also used for STS' },
  role_arn: {
    kind: 'string',
    description: 'IAM role to assume with STS (session name "fnox"), e.g. arn:aws:iam::123456789012:role/kms-user',
    prompt: 'IAM role ARN to assume (optional)',
  },
} as const;

/** The validated `[providers.NAME]` table of an `aws-kms` provider. */
export type KmsConfig = FieldsOutput<typeof fields>;

const base = fieldsSchema(fields);

/**
 * The `aws-kms` table schema: the field map (for the wizard and JSON Schema) plus format checks
 * on `key_id`, `region`, `endpoint` and `role_arn`, reported as `field: message` issues.
 */
export const configSchema: FieldsSchema<typeof fields> = {
  fields,
  '~standard': {
    ...base['~standard'],
    async validate(input: unknown): Promise<StandardSchemaV1.Result<KmsConfig>> {
      const result = await base['~standard'].validate(input);
      if (result.issues) return result;
      const issues: StandardSchemaV1.Issue[] = awsFieldIssues(result.value).map(([field, message]) => ({ message, path: [field] }));
      if (result.value.key_id.trim() === '') issues.push({ message: 'key_id must not be empty', path: ['key_id'] });
      return issues.length > 0 ? { issues } : result;
    },
  },
};
