import type { AwsService } from '@fnox/aws-shared';

/** The service as messages and endpoint variables name it; a literal type, so published declarations need no AwsService. */
export const SECRETS_MANAGER_SERVICE = { display: 'AWS Secrets Manager', prefix: 'secretsmanager', envId: 'SECRETS_MANAGER' } as const satisfies AwsService;
