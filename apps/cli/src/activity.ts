import type { ActivityReporter } from '@fnox/core/hot';
import { stderr, type Output } from './stdio.js';
import { colorEnabled } from './terminal-style.js';

/** How long a provider call may take before fnox says it is waiting. */
const SPINNER_DELAY_MS = 300;

/**
 * A spinner on stderr while fnox waits on a provider for more than 300 ms (`⠋ contacting provider
 * 'kms'…`), erased when the wait ends. Only when stderr is a terminal, never in the shell hook
 * (which must stay silent and fast); the spinner library loads only when the timer fires.
 */
export function terminalActivity(output: Output = stderr): ActivityReporter | undefined {
  if (!output.isTTY) return undefined;
  const waiting = new Map<number, string>();
  let next = 0;
  let spinner: { text: string; stop(): unknown } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const show = async () => {
    const label = [...waiting.values()].at(-1);
    if (label === undefined) return;
    const { default: yoctoSpinner } = await import('yocto-spinner');
    // Every wait may have ended while the module loaded.
    const now = [...waiting.values()].at(-1);
    if (now === undefined || spinner) return;
    const stream = output.stream();
    spinner = yoctoSpinner({ text: `${now}…`, stream, handleSignals: false, color: colorEnabled(output) ? 'cyan' : undefined } as never).start();
  };
  return (label) => {
    const id = next++;
    waiting.set(id, label);
    if (spinner) spinner.text = `${label}…`;
    else timer ??= setTimeout(() => void show(), SPINNER_DELAY_MS).unref();
    return () => {
      waiting.delete(id);
      const last = [...waiting.values()].at(-1);
      if (last !== undefined) {
        if (spinner) spinner.text = `${last}…`;
        return;
      }
      if (timer) clearTimeout(timer);
      timer = undefined;
      spinner?.stop();
      spinner = undefined;
    };
  };
}
