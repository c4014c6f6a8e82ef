import { existsSync } from 'node:fs';
import { readFile, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { effectiveConfig, loadLocalConfig } from '../agent-config.js';
import { GatewayClient, GatewayError } from '../gateway-client/gateway-client.js';
import { bypassesProxy, noProxyFromEnvironment } from '../gateway-client/no-proxy.js';
import { certificateValidity } from '../identity/certificate-renewal.js';
import { IdentityStore } from '../identity/identity-store.js';
import { createNetSnmpClientFactory } from '../snmp/net-snmp-client.js';
import { DEFAULT_REQUEST_OPTIONS } from '../snmp/snmp-client.js';
import { SharedUdpTransport } from '../snmp/shared-udp-transport.js';
import { resolveHost } from '../targets/host-resolver.js';
import { parseTarget } from '../targets/target-parser.js';
import { UsageError } from '../agent.errors.js';
import { addAgentPathOptions, existingAgentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';
import {
  checkCentral,
  checkCertificate,
  checkClock,
  checkDisk,
  checkEnrollment,
  checkPrinter,
  checkProxy,
  doctorVerdict,
  formatCheck,
  type CheckResult,
} from './doctor.checks.js';

type DoctorCliOptions = AgentPathOptions & {
  caFile?: string;
  printer?: string;
  community: string;
};

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';

/**
 * Checks, in order, what an agent needs to work, one line each: enrollment, certificate,
 * central (reachability and trust), proxy, clock, free disk, and optionally one printer.
 */
export function doctorCommand(context: CommandContext): Command {
  const command = new Command('doctor')
    .description('check enrollment, certificate, central, proxy, clock, disk (and a printer)')
    .option('--ca-file <file>', "CA to trust for central's certificate (default: enrollment's)")
    .option('--printer <address[:port]>', 'also read sysDescr/sysObjectID of this printer')
    .option('--community <name>', 'SNMPv2c community for --printer', 'public');
  addAgentPathOptions(command);
  command.addHelpText(
    'after',
    `
Each line reads OK, WARN or FAIL, with the reason and what to do.
Exit status: 0 every check OK, 1 some WARN, 2 some FAIL (or invalid arguments).`,
  );
  return command.action(async (options: DoctorCliOptions) => {
    const { dataDir, configPath } = await existingAgentPaths(options, (line) =>
      context.stderr.write(`${line}\n`),
    );
    const printer = options.printer === undefined ? null : parseTarget(options.printer, 161);
    if (printer !== null && printer.kind !== 'host') {
      throw new UsageError(
        'DOCTOR_PRINTER_INVALID',
        `--printer takes one address[:port], not ${options.printer}`,
      );
    }
    const caPem = options.caFile ? await readFile(options.caFile, 'utf8') : undefined;
    const results: CheckResult[] = [];
    const emit = (result: CheckResult): void => {
      results.push(result);
      context.stdout.write(formatCheck(result));
    };

    const identity = await new IdentityStore(dataDir).load();
    emit(checkEnrollment(identity?.agentId ?? null, dataDir));
    const local = await loadLocalConfig(configPath);
    if (identity) {
      emit(checkCertificate(certificateValidity(identity.certificatePem), new Date()));
      const centralUrl = local.central ?? identity.centralUrl;
      const proxyUrl = effectiveConfig(local, null).proxyUrl;
      const client = new GatewayClient({
        centralUrl,
        caPem: caPem ?? identity.caPem,
        identity,
        ...(proxyUrl ? { proxyUrl } : {}),
        timeoutMs: 10_000,
      });
      let failure: { code: string; message: string } | null = null;
      try {
        await client.fetchConfig(null);
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        failure = { code: error.code, message: error.message };
      }
      emit(checkCentral(centralUrl, failure));
      const noProxy = noProxyFromEnvironment();
      emit(checkProxy(proxyUrl, bypassesProxy(centralUrl, noProxy), noProxy));
      // A refusal still carries central's Date header; a network failure has none to compare.
      if (failure === null || client.serverDate !== null) {
        emit(checkClock(new Date(), client.serverDate));
      }
    }
    const diskPath = existingAncestor(dataDir);
    const disk = await statfs(diskPath);
    emit(checkDisk(diskPath, disk.bavail * disk.bsize));
    if (printer !== null && printer.kind === 'host') {
      emit(
        checkPrinter(
          options.printer!,
          await readPrinter(printer.host, printer.port, options.community),
        ),
      );
    }

    const verdict = doctorVerdict(results);
    context.report(
      verdict === 'fail' ? 'checksFailed' : verdict === 'warn' ? 'partialFailure' : 'ok',
    );
  });
}

async function readPrinter(
  host: string,
  port: number,
  community: string,
): Promise<{ sysDescr: string | null; sysObjectId: string | null } | { error: string }> {
  let address: string;
  try {
    address = await resolveHost(host);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const transport = new SharedUdpTransport(
    address.startsWith('127.') ? { sourceAddress: '127.0.0.1' } : {},
  );
  const factory = createNetSnmpClientFactory({
    credentials: { version: '2c', community },
    request: DEFAULT_REQUEST_OPTIONS,
    transport,
  });
  const client = factory.create({ host: address, port });
  try {
    const bindings = await client.get([SYS_DESCR, SYS_OBJECT_ID]);
    const value = (oid: string): string | null => {
      const found = bindings.find((binding) => binding.oid === oid);
      if (found === undefined || found.value === null) return null;
      return found.value instanceof Uint8Array
        ? Buffer.from(found.value).toString('utf8')
        : String(found.value);
    };
    return { sysDescr: value(SYS_DESCR), sysObjectId: value(SYS_OBJECT_ID) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    client.close();
    factory.close();
    transport.close();
  }
}

// The data directory need not exist yet; its disk is the one of its nearest existing parent.
function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
