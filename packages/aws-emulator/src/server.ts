import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createControl, type EmulatorControl } from './control.js';
import { CONTROL_PREFIX, handleControlRequest } from './control-http.js';
import type { AccessKey } from './credentials.js';
import { classify, claimedIdentity, dispatch, errorResponse, isWrite, type Classified } from './dispatch.js';
import { AwsError } from './errors.js';
import { FaultRegistry, type FaultAction } from './faults.js';
import { requestId } from './ids.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';
import { applySeed, readSeedFile, type SeedFile, type SeedResult } from './seed.js';
import { EmulatorState } from './state.js';
import { loadStateFile, saveStateFile } from './state-file.js';

/** Options for {@link start}. */
export interface StartOptions {
  /** TCP port; `0` or unset picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  host?: string;
  /** Strict mode: only these regions are served; others fail with `Credential should be scoped to a valid region`. */
  regions?: string[];
  /** Persist state to this JSON file after every change, and load it at start if it exists. */
  statePath?: string;
  /** Initial keys/secrets/credentials (object or path to a JSON file). Skipped when `statePath` already existed. */
  seed?: SeedFile | string;
  /** Extra accepted access keys. */
  credentials?: AccessKey[];
  /** Accept the default `test`/`test` key pair (default true). */
  defaultCredentials?: boolean;
  /** Fixed latency added to every AWS request, in ms. */
  latencyMs?: number;
  /** Maximum request-log entries kept (default 10 000). */
  logLimit?: number;
  /** Called with unexpected emulator exceptions (answered as 500s); default prints one line to stderr. */
  onInternalError?: (error: unknown) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: use as `endpoint` / `--endpoint-url` / `AWS_ENDPOINT_URL`. */
  url: string;
  port: number;
  control: EmulatorControl;
  /** What the `seed` option created (empty when none or when state was loaded). */
  seeded: SeedResult;
  /** Closes the listener and every connection (including hung ones); saves state if persisted. */
  stop(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const JSON_TYPE = 'application/x-amz-json-1.1';

/** Starts an emulator listening on loopback. */
export async function start(options: StartOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(options.defaultCredentials ?? true);
  const loaded = options.statePath ? loadStateFile(state, options.statePath) : false;
  let seeded: SeedResult = { keys: [], secrets: [] };
  if (options.seed && !loaded) seeded = applySeed(state, typeof options.seed === 'string' ? readSeedFile(options.seed) : options.seed);
  for (const key of options.credentials ?? []) state.credentials.add(key);
  const persist = () => {
    if (options.statePath) saveStateFile(state, options.statePath);
  };
  persist();

  const faults = new FaultRegistry();
  const log = new RequestLog(options.logLimit);
  const control = createControl({ state, faults, log, changed: persist });
  if (options.latencyMs) control.setLatency(options.latencyMs);
  const onInternalError =
    options.onInternalError ?? ((e: unknown) => process.stderr.write(`fnox-aws-emulator: internal error: ${(e as Error)?.message ?? String(e)}\n`));

  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let stopped = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
      timers.add(entry);
    });

  async function serveAws(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const started = Date.now();
    const url = req.url ?? '/';
    const request = classify(url, req.headers, body);
    const claimed = claimedIdentity(req.headers);
    const sdk = /attempt=(\d+)(?:;\s*max=(\d+))?/.exec(String(req.headers['amz-sdk-request'] ?? ''));
    const entry: RequestLogEntry = {
      seq: log.nextSeq(),
      time: new Date(started).toISOString(),
      service: request.service,
      operation: request.operation,
      target: request.target,
      resources: request.resources,
      ...claimed,
      ...(sdk ? { attempt: Number(sdk[1]), ...(sdk[2] ? { maxAttempts: Number(sdk[2]) } : {}) } : {}),
      ...(typeof req.headers['amz-sdk-invocation-id'] === 'string' ? { invocationId: req.headers['amz-sdk-invocation-id'] } : {}),
      status: 0,
      durationMs: 0,
    };
    const finish = (fields: Partial<RequestLogEntry>) => log.add({ ...entry, ...fields, durationMs: Date.now() - started });
    const decision = faults.decide({ ...request, ...claimed, attempt: entry.attempt });
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (stopped) return;
    if (decision.fault) return applyFault(decision.fault, request, res, finish);
    const response = dispatch(request, { method: req.method ?? 'POST', url, headers: req.headers, body }, { state, regions: options.regions, requestId: requestId() });
    if (response.internalError !== undefined) onInternalError(response.internalError);
    res.writeHead(response.status, response.headers).end(response.body);
    finish({ status: response.status, errorType: response.errorType, accountId: response.accountId });
    if (response.status === 200 && isWrite(request.operation)) persist();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': JSON_TYPE }).end(JSON.stringify({ __type: 'RequestEntityTooLargeException', message: 'Request body too large' }));
        return;
      }
      if ((req.url ?? '').startsWith(CONTROL_PREFIX)) {
        const out = handleControlRequest(control, req.method ?? 'GET', req.url ?? '', body);
        res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
        return;
      }
      serveAws(req, res, body).catch((e: unknown) => {
        onInternalError(e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': JSON_TYPE }).end('{"__type":"InternalFailure"}');
      });
    });
    res.on('error', () => {});
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    control,
    seeded,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.resolve();
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      persist();
    },
  };
}

function applyFault(
  fault: Exclude<FaultAction, { type: 'latency' }>,
  request: Classified,
  res: ServerResponse,
  finish: (fields: Partial<RequestLogEntry>) => void,
): void {
  const id = requestId();
  switch (fault.type) {
    case 'hang':
      // Keep the socket open and never answer; stop() or the client's timeout ends it.
      finish({ fault: 'hang' });
      return;
    case 'reset':
      res.socket?.destroy();
      finish({ fault: 'reset' });
      return;
    case 'garbage': {
      const contentType = request.service === 'sts' ? 'text/xml' : JSON_TYPE;
      res.writeHead(200, { 'content-type': contentType, 'x-amzn-RequestId': id }).end(fault.body ?? '<html><body>502 Bad Gateway: upstream garbage</body></html>');
      finish({ status: 200, fault: 'garbage' });
      return;
    }
    case 'truncate':
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': '4096', 'x-amzn-RequestId': id });
      res.write('{"KeyId":"arn:aws:kms:');
      setImmediate(() => res.socket?.destroy());
      finish({ status: 200, fault: 'truncate' });
      return;
    case 'throttle':
    case 'error': {
      const error =
        fault.type === 'throttle'
          ? new AwsError('ThrottlingException', 'Rate exceeded', {
              headers:
                fault.retryAfterSeconds === undefined
                  ? {}
                  : { 'retry-after': String(fault.retryAfterSeconds), 'x-amz-retry-after': String(fault.retryAfterSeconds * 1000) },
            })
          : new AwsError(fault.errorType, fault.message ?? `Injected ${fault.errorType}`, { status: fault.status });
      const response = errorResponse(request, error, id);
      res.writeHead(response.status, response.headers).end(response.body);
      finish({ status: response.status, errorType: response.errorType, fault: fault.type });
      return;
    }
  }
}
