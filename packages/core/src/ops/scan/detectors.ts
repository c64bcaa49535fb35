/**
 * What `fnox scan` looks for (docs/cli-reference.md, `scan`), with upstream's detector names, severities and
 * patterns, the "looks secret" filter for generic assignments, and the one redaction every
 * report uses. A finding never carries the matched text, only its redaction.
 */

/** How bad a finding is. */
export type Severity = 'high' | 'medium';

/** One potential secret in a file. */
export interface ScanFinding {
  /** Path relative to the working directory (absolute when outside it). */
  readonly path: string;
  readonly line: number;
  /** 1-based column in characters. */
  readonly column: number;
  readonly detector: string;
  readonly severity: Severity;
  /** `abcd...wxyz`, or `****` for 8 characters or fewer. */
  readonly redacted: string;
}

interface Detector {
  readonly name: string;
  readonly severity: Severity;
  /** Global, with `d` (indices) when a named group `secret` selects the reported part. */
  readonly regex: RegExp;
}

const KEYWORDS = 'password|passwd|pwd|api[_-]?key|secret|client[_-]?secret|token|auth[_-]?token';

/** The detectors, in the order their findings are reported within a file. */
export const DETECTORS: readonly Detector[] = [
  { name: 'aws-access-key', severity: 'high', regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'github-token', severity: 'high', regex: /\bgh[pousr]_[A-Za-z0-9_]{20,}\b/g },
  { name: 'slack-token', severity: 'high', regex: /\bxox[baprs]-[A-Za-z0-9-]{10,}\b/g },
  { name: 'stripe-live-secret-key', severity: 'high', regex: /\bsk_live_[A-Za-z0-9]{16,}\b/g },
  { name: 'google-api-key', severity: 'high', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'pem-private-key', severity: 'high', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  {
    name: 'secret-assignment',
    severity: 'medium',
    regex: new RegExp(`(?:^|[^A-Za-z0-9_])(?<key>${KEYWORDS})\\s*[:=]\\s*["']?(?<secret>[A-Za-z0-9][A-Za-z0-9_./+=:@!#$%^&*?~-]{7,})["']?`, 'gimd'),
  },
];

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const chars = Array.from(value);
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Whether a generic `password = ...` value is worth reporting. Placeholders and plain words
 * (`password`, `changeme`, `example`, `placeholder`) fail the letters-and-others rule.
 */
export function looksLikeSecret(secret: string): boolean {
  if (secret.length >= 20 && shannonEntropy(secret) >= 3.5) return true;
  return secret.length >= 8 && /[A-Za-z]/.test(secret) && /[^A-Za-z]/.test(secret);
}

/** `****` for up to 8 characters, else the first 4 and last 4 around `...`. */
export function redact(secret: string): string {
  const chars = Array.from(secret);
  if (chars.length <= 8) return '****';
  return `${chars.slice(0, 4).join('')}...${chars.slice(-4).join('')}`;
}

/** 1-based line and character column of a UTF-16 offset. */
function lineColumn(content: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = content.indexOf('\n'); i >= 0 && i < offset; i = content.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: Array.from(content.slice(lineStart, offset)).length + 1 };
}

/** Every finding in `content`, detector by detector, in match order. */
export function scanContent(path: string, content: string): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const detector of DETECTORS) {
    detector.regex.lastIndex = 0;
    for (const match of content.matchAll(detector.regex)) {
      const group = match.indices?.groups?.secret;
      const secret = group ? match.groups!.secret! : match[0];
      if (detector.name === 'secret-assignment' && !looksLikeSecret(secret)) continue;
      const { line, column } = lineColumn(content, group ? group[0] : match.index!);
      findings.push({ path, line, column, detector: detector.name, severity: detector.severity, redacted: redact(secret) });
    }
  }
  return findings;
}
