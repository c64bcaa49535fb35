import { FnoxError, listSecrets } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

/**
 * GitHub Actions' mask command for one value. The runner unescapes `%25`, `%0D` and `%0A` in a
 * command's data, so `%` and CR are escaped to mask exactly the value.
 */
export function githubMaskLine(value: string): string {
  return `::add-mask::${value.replace(/%/g, '%25').replace(/\r/g, '%0D')}`;
}

/** Why masking is not possible on the CI system ci-info detected (upstream's words). */
function unsupportedVendor(ci: typeof import('ci-info')): string {
  if (ci.GITLAB) return 'GitLab CI does not support runtime secret masking. Configure masked variables in GitLab CI/CD settings.';
  if (ci.CIRCLE) return 'CircleCI does not support runtime secret masking. Use CircleCI context secrets or project environment variables.';
  if (ci.name === null) return 'Running in CI but vendor is unknown. Cannot determine masking format.';
  return `CI vendor '${ci.name}' does not have known secret masking support. Please configure secrets through your CI provider's settings.`;
}

export default class CiRedact extends FnoxCommand<typeof CiRedact> {
  static override summary = "Mask every secret's value in CI logs (GitHub Actions).";
  static override description =
    "Resolves the active profile's secrets and prints GitHub Actions' `::add-mask::VALUE` workflow command for each, so the runner " +
    'replaces those values with *** in the logs of later steps. Values spanning several lines cannot be masked and are warned about. ' +
    'Fails outside CI, and on CI systems that have no runtime masking (GitLab CI, CircleCI, ...). Failing secrets follow their if_missing.';
  static override examples = [{ description: 'A GitHub Actions step', command: '<%= config.bin %> ci-redact' }];

  async run(): Promise<void> {
    const session = await this.session();
    // The config is loaded first (as upstream does), so a broken config is reported before CI detection.
    await listSecrets(session);
    const ci = (await import('ci-info')).default;
    if (!ci.isCI) {
      throw new FnoxError('ci_unsupported', 'Not running in a CI environment. The ci-redact command is only for CI/CD pipelines.', {
        hint: 'Run it as a step of a GitHub Actions job (GITHUB_ACTIONS=true); locally, there is no log to mask.',
      });
    }
    if (!ci.GITHUB_ACTIONS) throw new FnoxError('ci_unsupported', unsupportedVendor(ci));
    const { secrets } = await listSecrets(session, { values: true });
    const lines: string[] = [];
    for (const { key, value } of secrets) {
      if (value === undefined || value === null || value === '') continue;
      if (value.includes('\n')) {
        this.say(
          `Warning: Secret '${key}' contains newlines and cannot be fully redacted in CI logs. ` +
            'Consider using a secret manager or storing multiline secrets outside fnox config.',
        );
        continue;
      }
      lines.push(githubMaskLine(value));
    }
    if (lines.length > 0) this.out(lines.join('\n'));
  }
}
