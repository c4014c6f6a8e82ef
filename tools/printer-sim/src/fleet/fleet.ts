import dgram from 'node:dgram';
import net from 'node:net';
import { ERROR_KINDS, type ErrorKind } from '../model/printer-oids.js';
import { SimPrinter, type V3User } from '../model/sim-printer.js';
import { handleDatagram } from '../snmp/snmp-agent.js';
import { encodePrinterAlertTrap, type TrapTarget } from '../snmp/trap.js';
import { startControlServer, type ControlServer } from './control-server.js';
import { fdLimitError, raiseFdLimit } from './fd-limit.js';
import { DEFAULT_FIXTURES, loadFixture } from './fixtures.js';
import { assertLoopback, loopbackRange } from './loopback.js';
import { PjlSession } from './pjl.js';
import { RawJobCounter } from './raw-print.js';

export type PrinterSpec = {
  address: string;
  /** Path relative to fixtures/snmp, e.g. `printmaster/kyocera_p2040_snmp.json`. */
  fixture: string;
  /** Default `public`. */
  community?: string;
  /** A separate read-write community; `community` then only reads (SETs refused). */
  writeCommunity?: string;
  /** Whether the raw-print port answers PJL; default true. */
  pjl?: boolean;
  v3Users?: V3User[];
  pagesPerMinute?: number;
  /** 0..1 shares of the pages the printer prints on its own (defaults 0.3, 0.4, 0.2). */
  colorShare?: number;
  duplexShare?: number;
  copyShare?: number;
};

export type FleetOptions = {
  printers: PrinterSpec[];
  /** UDP port every printer answers SNMP on (default 161 as root, else 16100). */
  snmpPort?: number;
  /** TCP raw-print port per printer (default 9100); false for none. */
  rawPort?: number | false;
  /** HTTP control API on 127.0.0.1 (default none). */
  controlPort?: number | false;
  /** How often printers advance their own printing (default 1000 ms). */
  tickMs?: number;
  /** How long a printer stays silent after a reboot (default 3000 ms). */
  rebootSilenceMs?: number;
  /** Pages a full colourant lasts (default 5000). */
  cartridgeYieldPages?: number;
  /** Where printers send their alert trap when an error is injected (default: no traps). */
  trapTarget?: TrapTarget;
};

/** Which alerts to send a trap for, and where (the fleet's trap target by default). */
export type SendTrapOptions = { kind?: ErrorKind; target?: TrapTarget };

export type Fleet = {
  printers: SimPrinter[];
  printer(address: string): SimPrinter;
  stop(): Promise<void>;
  snmpPort: number;
  rawPort: number | null;
  controlPort: number | null;
  /** Printers with a raw-print listener (all, unless the open-files limit ran short). */
  rawListeners: number;
  /** Degradations chosen at start-up (e.g. raw-print listeners limited by the fd limit). */
  warnings: string[];
  trapTarget: TrapTarget | null;
  /**
   * Sends the RFC 3805 alert trap of each active error (or of `kind`) from the printer's own
   * address and SNMP port; resolves with the number sent.
   */
  sendTrap(address: string, options?: SendTrapOptions): Promise<number>;
};

export class FleetError extends Error {
  constructor(
    readonly code:
      | 'PRINTER_SIM_DUPLICATE_ADDRESS'
      | 'PRINTER_SIM_UNKNOWN_PRINTER'
      | 'PRINTER_SIM_BIND_FAILED'
      | 'PRINTER_SIM_NO_TRAP_TARGET'
      | 'PRINTER_SIM_NO_ACTIVE_ALERT',
    message: string,
  ) {
    super(message);
  }
}

export function defaultSnmpPort(): number {
  return process.getuid?.() === 0 ? 161 : 16100;
}

/** Consecutive loopback addresses from `firstAddress`, cycling through the fixtures. */
export function buildFleetSpec(options: {
  count: number;
  firstAddress?: string;
  fixtures?: string[];
  pagesPerMinute?: number;
  community?: string;
  writeCommunity?: string;
  v3Users?: V3User[];
}): PrinterSpec[] {
  const fixtures =
    options.fixtures && options.fixtures.length > 0 ? options.fixtures : DEFAULT_FIXTURES;
  return loopbackRange(options.firstAddress ?? '127.10.0.1', options.count).map((address, i) => ({
    address,
    fixture: fixtures[i % fixtures.length]!,
    ...(options.community !== undefined ? { community: options.community } : {}),
    ...(options.writeCommunity !== undefined ? { writeCommunity: options.writeCommunity } : {}),
    ...(options.v3Users ? { v3Users: options.v3Users } : {}),
    ...(options.pagesPerMinute !== undefined ? { pagesPerMinute: options.pagesPerMinute } : {}),
  }));
}

const BIND_BATCH = 512;
const FD_RESERVE = 256;

function bindUdp(printer: SimPrinter, port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    const onError = (err: Error): void => {
      socket.close();
      reject(
        new FleetError('PRINTER_SIM_BIND_FAILED', `udp ${printer.address}:${port}: ${err.message}`),
      );
    };
    socket.once('error', onError);
    socket.on('message', (datagram, rinfo) => {
      if (!printer.isAnswering()) return;
      const reply = handleDatagram(printer, datagram);
      if (!reply.response) return;
      printer.snmpRequests++;
      const response = reply.response;
      const send = (): void => {
        // A printer made silent while the answer was delayed stays silent.
        if (!printer.isAnswering()) return;
        try {
          socket.send(response, rinfo.port, rinfo.address, () => {
            if (reply.reboot) printer.reboot();
          });
        } catch {
          // The fleet stopped while a delayed answer was pending.
        }
      };
      if (printer.delayMs > 0) setTimeout(send, printer.delayMs).unref();
      else send();
    });
    socket.bind({ address: assertLoopback(printer.address), port, exclusive: true }, () => {
      socket.off('error', onError);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

function bindRaw(printer: SimPrinter, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((conn) => {
      if (!printer.isAnswering()) {
        conn.destroy();
        return;
      }
      const job = new RawJobCounter();
      const pjl = new PjlSession(() => printer.pjlId());
      conn.on('data', (chunk: Buffer) => {
        job.push(chunk);
        if (!printer.pjl) return;
        for (const answer of pjl.push(chunk).answers) conn.write(answer, 'latin1');
      });
      conn.on('error', () => undefined);
      // A PJL query closes without half-closing first: the asking side hangs up once answered.
      conn.on('close', () => {
        printer.pjlQueriesAnswered += pjl.queries;
      });
      conn.on('end', () => {
        conn.end();
        if (printer.pjl && pjl.onlyPjl()) return;
        printer.rawJobsReceived++;
        if (printer.pjl && pjl.selfTestRequested()) {
          printer.configPagesPrinted++;
          printer.print(1);
          return;
        }
        printer.print(job.pages());
      });
    });
    server.once('error', (err) =>
      reject(
        new FleetError('PRINTER_SIM_BIND_FAILED', `tcp ${printer.address}:${port}: ${err.message}`),
      ),
    );
    server.listen({ host: assertLoopback(printer.address), port, exclusive: true }, () =>
      resolve(server),
    );
  });
}

async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BIND_BATCH) {
    out.push(...(await Promise.all(items.slice(i, i + BIND_BATCH).map(fn))));
  }
  return out;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const seen = new Set<string>();
  for (const spec of options.printers) {
    assertLoopback(spec.address);
    if (seen.has(spec.address)) {
      throw new FleetError('PRINTER_SIM_DUPLICATE_ADDRESS', `two printers on ${spec.address}`);
    }
    seen.add(spec.address);
  }
  if (options.trapTarget) assertLoopback(options.trapTarget.host);
  const snmpPort = options.snmpPort ?? defaultSnmpPort();
  const rawPort = options.rawPort === false ? null : (options.rawPort ?? 9100);
  const count = options.printers.length;
  const warnings: string[] = [];
  // One UDP socket per printer is a must; raw-print listeners get what the descriptor limit
  // leaves (without CAP_SYS_RESOURCE a 20,000 hard limit cannot hold 2 x 10,000 printers).
  const limits = raiseFdLimit(count * (rawPort === null ? 1 : 2) + FD_RESERVE);
  if (limits && limits.soft < count + FD_RESERVE) throw fdLimitError(count + FD_RESERVE, limits);
  const rawBudget =
    rawPort === null ? 0 : limits ? Math.min(count, limits.soft - count - FD_RESERVE) : count;
  if (rawPort !== null && rawBudget < count) {
    warnings.push(
      `open-files limit ${limits?.soft ?? '?'}: raw-print listeners on the first ${rawBudget} of ${count} printers only`,
    );
  }

  const printers = options.printers.map(
    (spec) =>
      new SimPrinter({
        address: spec.address,
        fixture: spec.fixture,
        model: loadFixture(spec.fixture),
        ...(spec.community !== undefined ? { community: spec.community } : {}),
        ...(spec.writeCommunity !== undefined ? { writeCommunity: spec.writeCommunity } : {}),
        ...(spec.pjl !== undefined ? { pjl: spec.pjl } : {}),
        ...(spec.v3Users ? { v3Users: spec.v3Users } : {}),
        rate: {
          pagesPerMinute: spec.pagesPerMinute ?? 0,
          ...(spec.colorShare !== undefined ? { colorShare: spec.colorShare } : {}),
          ...(spec.duplexShare !== undefined ? { duplexShare: spec.duplexShare } : {}),
          ...(spec.copyShare !== undefined ? { copyShare: spec.copyShare } : {}),
        },
        ...(options.rebootSilenceMs !== undefined
          ? { rebootSilenceMs: options.rebootSilenceMs }
          : {}),
        ...(options.cartridgeYieldPages !== undefined
          ? { cartridgeYieldPages: options.cartridgeYieldPages }
          : {}),
      }),
  );
  const byAddress = new Map(printers.map((p) => [p.address, p] as const));

  const sockets: dgram.Socket[] = [];
  const socketOf = new Map<string, dgram.Socket>();
  const servers: net.Server[] = [];
  let control: ControlServer | null = null;
  const closeAll = async (): Promise<void> => {
    await Promise.all([
      ...sockets.map((s) => new Promise<void>((r) => s.close(() => r()))),
      ...servers.map((s) => new Promise<void>((r) => s.close(() => r()))),
      control?.close(),
    ]);
  };

  const settle = async <T>(
    items: SimPrinter[],
    fn: (p: SimPrinter) => Promise<T>,
    into: T[],
  ): Promise<void> => {
    let failure: Error | undefined;
    await inBatches(items, (p) =>
      fn(p).then(
        (x) => {
          into.push(x);
        },
        (err: unknown) => {
          failure ??= err instanceof Error ? err : new Error(String(err));
        },
      ),
    );
    if (failure) throw failure;
  };

  try {
    await settle(
      printers,
      (p) =>
        bindUdp(p, snmpPort).then((socket) => {
          socketOf.set(p.address, socket);
          return socket;
        }),
      sockets,
    );
    if (rawPort !== null)
      await settle(printers.slice(0, rawBudget), (p) => bindRaw(p, rawPort), servers);
  } catch (err) {
    await closeAll();
    throw err;
  }

  const printer = (address: string): SimPrinter => {
    const p = byAddress.get(address);
    if (!p)
      throw new FleetError('PRINTER_SIM_UNKNOWN_PRINTER', `no simulated printer at ${address}`);
    return p;
  };

  const trapTarget = options.trapTarget ?? null;
  const sendTrap = async (address: string, send: SendTrapOptions = {}): Promise<number> => {
    const p = printer(address);
    const target = send.target ?? trapTarget;
    if (!target)
      throw new FleetError('PRINTER_SIM_NO_TRAP_TARGET', 'no trap target configured or given');
    assertLoopback(target.host);
    const rows = (send.kind ? [send.kind] : ERROR_KINDS)
      .map((kind) => p.alertRow(kind))
      .filter((row) => row !== null);
    if (rows.length === 0)
      throw new FleetError(
        'PRINTER_SIM_NO_ACTIVE_ALERT',
        `${address} has no active ${send.kind ?? 'error'}: inject one first (ctl error)`,
      );
    const socket = socketOf.get(address)!;
    for (const row of rows) {
      const datagram = encodePrinterAlertTrap(p, target, row);
      await new Promise<void>((resolve, reject) =>
        socket.send(datagram, target.port, target.host, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    }
    return rows.length;
  };
  if (trapTarget) {
    for (const p of printers) {
      // A failed trap is lost, as on a real printer: SNMP notifications are fire and forget.
      p.onAlertAdded = (kind) => void sendTrap(p.address, { kind }).catch(() => undefined);
    }
  }

  if (options.controlPort !== undefined && options.controlPort !== false) {
    try {
      control = await startControlServer(options.controlPort, {
        printers,
        printer: (a) => byAddress.get(a),
        sendTrap,
      });
    } catch (err) {
      await closeAll();
      throw err;
    }
  }

  let last = Date.now();
  const tick = setInterval(() => {
    const now = Date.now();
    const elapsed = now - last;
    last = now;
    for (const p of printers) p.advance(elapsed);
  }, options.tickMs ?? 1000);
  tick.unref();

  let stopped: Promise<void> | null = null;
  return {
    printers,
    printer,
    snmpPort,
    rawPort,
    controlPort: control?.port ?? null,
    rawListeners: servers.length,
    warnings,
    trapTarget,
    sendTrap,
    stop: () => {
      stopped ??= (async () => {
        clearInterval(tick);
        await closeAll();
      })();
      return stopped;
    },
  };
}
