import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isErrorKind, type ErrorKind } from '../model/printer-oids.js';
import type { SimPrinter } from '../model/sim-printer.js';
import { TrapEncodeError, type TrapTarget } from '../snmp/trap.js';
import { NotLoopbackError } from './loopback.js';

export const CONTROL_HOST = '127.0.0.1';
/** Where `ctl` looks for the control API unless told otherwise. */
export const DEFAULT_CONTROL_PORT = 16199;

export type ControlServer = { port: number; close(): Promise<void> };

type Registry = {
  printers: readonly SimPrinter[];
  printer(address: string): SimPrinter | undefined;
  sendTrap(address: string, options: { kind?: ErrorKind; target?: TrapTarget }): Promise<number>;
};

export function describePrinter(p: SimPrinter): Record<string, unknown> {
  return {
    address: p.address,
    fixture: p.fixture,
    silent: !p.isAnswering(),
    delayMs: p.delayMs,
    rawJobsReceived: p.rawJobsReceived,
    configPagesPrinted: p.configPagesPrinted,
    pjlQueriesAnswered: p.pjlQueriesAnswered,
    engineBoots: p.engineBoots,
    snmpRequests: p.snmpRequests,
    counters: p.counters,
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 65536) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'body too large');
  }
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'BAD_JSON', 'body must be a JSON object');
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new HttpError(400, 'BAD_REQUEST', `expected a boolean, got ${JSON.stringify(value)}`);
}

function integer(value: unknown, name: string, fallback?: number): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new HttpError(400, 'BAD_REQUEST', `${name} must be a non-negative integer`);
  }
  return v;
}

/** `{host, port, version, community?, user?}`, checked field by field. */
function trapTarget(value: unknown): TrapTarget {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'BAD_REQUEST', 'target must be an object');
  const t = value as Record<string, unknown>;
  if (typeof t.host !== 'string') throw new HttpError(400, 'BAD_REQUEST', 'target.host missing');
  const port = integer(t.port, 'target.port');
  if (port < 1 || port > 65535) throw new HttpError(400, 'BAD_REQUEST', 'target.port: 1..65535');
  if (t.version !== '1' && t.version !== '2c' && t.version !== '3')
    throw new HttpError(400, 'BAD_REQUEST', 'target.version must be "1", "2c" or "3"');
  for (const key of ['community', 'user'] as const)
    if (t[key] !== undefined && typeof t[key] !== 'string')
      throw new HttpError(400, 'BAD_REQUEST', `target.${key} must be a string`);
  return {
    host: t.host,
    port,
    version: t.version,
    ...(typeof t.community === 'string' ? { community: t.community } : {}),
    ...(typeof t.user === 'string' ? { user: t.user } : {}),
  };
}

async function route(registry: Registry, req: http.IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', `http://${CONTROL_HOST}`);
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  if (parts[0] !== 'printers') throw new HttpError(404, 'NOT_FOUND', 'unknown route');
  if (parts.length === 1 && method === 'GET') return registry.printers.map(describePrinter);
  const address = parts[1]!;
  const printer = registry.printer(address);
  if (!printer)
    throw new HttpError(404, 'PRINTER_SIM_UNKNOWN_PRINTER', `no simulated printer at ${address}`);
  if (parts.length === 2 && method === 'GET') return describePrinter(printer);
  if (method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} not allowed`);
  const body = await readJson(req);
  const action = parts[2];
  const arg = parts[3];
  switch (action ?? '') {
    case 'print':
      printer.print(integer(body.pages, 'pages', 1), {
        color: bool(body.color, false),
        duplex: bool(body.duplex, false),
        copy: bool(body.copy, false),
      });
      break;
    case 'errors':
    case 'clear': {
      if (!arg || !isErrorKind(arg)) {
        throw new HttpError(
          400,
          'PRINTER_SIM_UNKNOWN_ERROR_KIND',
          `unknown error kind ${JSON.stringify(arg)}`,
        );
      }
      if (action === 'errors') printer.injectError(arg);
      else printer.clearError(arg);
      break;
    }
    case 'replace': {
      if (!arg) throw new HttpError(400, 'BAD_REQUEST', 'replace needs a colour or supply index');
      if (printer.replaceCartridge(arg) === 0) {
        throw new HttpError(
          404,
          'PRINTER_SIM_NO_SUCH_SUPPLY',
          `no refillable supply ${arg} on ${address}`,
        );
      }
      break;
    }
    case 'silent':
      printer.setSilent(bool(body.silent, true));
      break;
    case 'slow':
      printer.setDelay(integer(body.ms, 'ms', 2000));
      break;
    case 'reboot':
      printer.reboot();
      break;
    case 'trap': {
      const kind = body.kind;
      if (kind !== undefined && (typeof kind !== 'string' || !isErrorKind(kind)))
        throw new HttpError(
          400,
          'PRINTER_SIM_UNKNOWN_ERROR_KIND',
          `unknown error kind ${JSON.stringify(kind)}`,
        );
      const target = body.target === undefined ? undefined : trapTarget(body.target);
      try {
        const sent = await registry.sendTrap(address, {
          ...(kind === undefined ? {} : { kind }),
          ...(target ? { target } : {}),
        });
        return { ...describePrinter(printer), trapsSent: sent };
      } catch (err) {
        const known = err as Error & { code?: string };
        if (
          known.code === 'PRINTER_SIM_NO_TRAP_TARGET' ||
          known.code === 'PRINTER_SIM_NO_ACTIVE_ALERT' ||
          err instanceof TrapEncodeError ||
          err instanceof NotLoopbackError
        )
          throw new HttpError(400, known.code ?? 'BAD_REQUEST', known.message);
        throw err;
      }
    }
    default:
      throw new HttpError(404, 'NOT_FOUND', `unknown action ${String(action)}`);
  }
  return describePrinter(printer);
}

export function startControlServer(port: number, registry: Registry): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    route(registry, req).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (err: unknown) => {
        const e = err instanceof HttpError ? err : new HttpError(500, 'INTERNAL', String(err));
        res.writeHead(e.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: e.code, message: e.message } }));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: CONTROL_HOST, port }, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
