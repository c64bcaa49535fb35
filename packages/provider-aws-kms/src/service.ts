import type { AwsService } from '@fnox/aws-shared';

/** The service as messages and endpoint variables name it; a literal type, so published declarations need no AwsService. */
export const KMS_SERVICE = { display: 'AWS KMS', prefix: 'kms', envId: 'KMS' } as const satisfies AwsService;
