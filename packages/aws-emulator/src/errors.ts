/**
 * An error the emulator answers with, shaped like AWS's: a modeled error name (`__type` in JSON 1.1,
 * `<Code>` in query/XML), an HTTP status, and a message. Messages never contain request values.
 */
export class AwsError extends Error {
  /** The modeled AWS error name, e.g. `NotFoundException`. */
  readonly type: string;
  /** HTTP status AWS documents for this error (decides the SDK's retry class). */
  readonly status: number;
  /** Send no `message` at all (AWS does this for e.g. InvalidCiphertextException). */
  readonly omitMessage: boolean;
  /** Extra response headers, e.g. `Retry-After` on throttling. */
  readonly headers: Record<string, string>;

  constructor(
    type: string,
    message: string,
    options: { status?: number; omitMessage?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = options.status ?? 400;
    this.omitMessage = options.omitMessage ?? false;
    this.headers = options.headers ?? {};
  }
}

/** True if `e` is an {@link AwsError}. */
export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}

/**
 * AWS's Coral validation wording. `member` is the lowerCamel member name; the offending value is never
 * echoed (local-kms does, which leaks plaintext into logs).
 */
export function validationError(member: string, constraint: string, isNull = false): AwsError {
  const value = isNull ? 'Value null' : 'Value';
  return new AwsError(
    'ValidationException',
    `1 validation error detected: ${value} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** Lower-cases the first letter, the way AWS names members in validation messages. */
export function memberName(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}
