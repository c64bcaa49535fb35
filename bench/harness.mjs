// Interleaved wall-clock measurement of whole commands, reported as ratios to `node -e 0` measured
// in the same run: the machines' speed drifts by ~2x from minute to minute, ratios don't.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux); NaN elsewhere. */
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 100 Hz ticks
  } catch {
    return Number.NaN;
  }
}

/** @typedef {{ name: string, command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv, target?: number }} BenchCase */

function once(benchCase, cpu) {
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(benchCase.command, benchCase.args, {
    cwd: benchCase.cwd,
    env: benchCase.env ?? process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  cpu?.push(childCpuMs() - cpuBefore);
  if (result.status !== 0) {
    throw new Error(`${benchCase.name} failed (exit ${result.status}): ${result.stderr?.toString().slice(0, 500)}`);
  }
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Run every case `rounds` times, interleaved, after one warm-up round; print a table of medians and
 * ratios to the baseline (the first case, `node -e 0`). Returns the rows.
 * @param {BenchCase[]} cases
 */
export function runBench(cases, { rounds = 20, title = 'fnox start-up' } = {}) {
  for (const benchCase of cases) once(benchCase);
  const samples = cases.map(() => []);
  const cpu = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((benchCase, i) => samples[i].push(once(benchCase, cpu[i])));
  }
  const baseline = median(samples[0]);
  // CPU time (mean: /proc counts in 10 ms ticks) is far steadier than wall time on a loaded machine.
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const cpuBaseline = mean(cpu[0]);
  const rows = cases.map((benchCase, i) => {
    const ms = median(samples[i]);
    const cpuMs = mean(cpu[i]);
    return { name: benchCase.name, ms, ratio: ms / baseline, cpuMs, cpuRatio: cpuMs / cpuBaseline, target: benchCase.target };
  });
  console.log(`\n${title} (median of ${rounds} interleaved runs; ratio to ${cases[0].name}; CPU = mean user+sys of the process tree)`);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) {
    const target = row.target ? `  target <= ${row.target.toFixed(1)}x ${row.ratio <= row.target ? 'met' : 'MISSED'}` : '';
    const cpuText = Number.isNaN(row.cpuMs) ? '' : `  CPU ${row.cpuMs.toFixed(1).padStart(6)} ms ${row.cpuRatio.toFixed(2)}x`;
    console.log(`  ${row.name.padEnd(width)}  ${row.ms.toFixed(1).padStart(7)} ms  ${row.ratio.toFixed(2)}x${cpuText}${target}`);
  }
  return rows;
}
