import type { EmulatorControl } from './control.js';
import type { FaultRule } from './faults.js';

/** Prefix of the control API. AWS clients always POST `/`, so they can never reach it by accident. */
export const CONTROL_PREFIX = '/__emu/';

/**
 * Serves the control API for out-of-process users (the bin, other languages' tests):
 *
 * - `GET /__emu/health` → `{"ok":true}`
 * - `GET /__emu/requests[?service=&operation=]`, `DELETE /__emu/requests`
 * - `GET /__emu/faults`, `POST /__emu/faults` (FaultRule → `{"id"}`), `DELETE /__emu/faults[/ID]`
 * - `POST /__emu/latency` `{"ms", "service"?, "operation"?}`
 * - `POST /__emu/seed` (SeedFile → SeedResult), `POST /__emu/credentials` (AccessKey)
 * - `POST /__emu/clock` `{"advanceMs"}`, `POST /__emu/reset`
 */
export function handleControlRequest(
  control: EmulatorControl,
  method: string,
  url: string,
  body: Buffer,
): { status: number; body: unknown } {
  const [path = '', query = ''] = url.split('?', 2);
  const route = path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
  let input: Record<string, unknown> = {};
  try {
    if (body.length) input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return { status: 400, body: { error: 'control request body is not JSON' } };
  }
  try {
    if (method === 'GET' && route === 'health') return ok({ ok: true });
    if (route === 'requests') {
      if (method === 'DELETE') return ok(control.clearRequests());
      const params = new URLSearchParams(query);
      return ok(control.requests({ service: params.get('service') ?? undefined, operation: params.get('operation') ?? undefined }));
    }
    if (route === 'faults') {
      if (method === 'GET') return ok(control.faults());
      if (method === 'POST') return ok({ id: control.addFault(input as unknown as FaultRule) });
      if (method === 'DELETE') return ok(control.clearFaults());
    }
    if (route.startsWith('faults/') && method === 'DELETE') return ok({ removed: control.removeFault(route.slice('faults/'.length)) });
    if (method === 'POST' && route === 'latency') {
      const ms = Number(input['ms'] ?? 0);
      control.setLatency(ms, { service: input['service'] as string | undefined, operation: input['operation'] as string | undefined });
      return ok({ ms });
    }
    if (method === 'POST' && route === 'seed') return ok(control.seed(input));
    if (method === 'POST' && route === 'credentials') return ok(control.addCredentials(input as never));
    if (method === 'POST' && route === 'clock') return ok(control.advanceClock(Number(input['advanceMs'] ?? 0)));
    if (method === 'POST' && route === 'reset') return ok(control.reset());
    return { status: 404, body: { error: `no control route ${method} ${path}` } };
  } catch (e) {
    return { status: 400, body: { error: (e as Error).message } };
  }
}

function ok(value: unknown): { status: number; body: unknown } {
  return { status: 200, body: value ?? {} };
}
