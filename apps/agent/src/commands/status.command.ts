import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { effectiveConfig, loadLocalConfig } from '../agent-config.js';
import { readDaemonState } from '../daemon/agent-daemon.js';
import { GatewayClient, GatewayError } from '../gateway-client/gateway-client.js';
import type { AgentRemoteConfig } from '../gateway-client/protocol.js';
import { IdentityStore } from '../identity/identity-store.js';
import { describeMasking } from '../masking/masking-policy.js';
import { Spool } from '../spool/spool.js';
import type { TrapStats } from '../traps/trap-listener.js';
import { addAgentPathOptions, existingAgentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';
import { toJson } from './json-output.js';

type StatusCliOptions = AgentPathOptions & { json?: boolean; offline?: boolean };

export function statusCommand(context: CommandContext): Command {
  const command = new Command('status')
    .description('enrolled? central reachable? last upload, spool size, next runs')
    .option('--json', 'print JSON')
    .option('--offline', 'do not contact central');
  addAgentPathOptions(command);
  return command.action(async (options: StatusCliOptions) => {
    const { dataDir, configPath } = await existingAgentPaths(options, (line) =>
      context.stderr.write(`${line}\n`),
    );
    const identity = await new IdentityStore(dataDir).load();
    const local = await loadLocalConfig(configPath);
    const spool = new Spool(`${dataDir}/spool`, local.retentionDays);
    await spool.init();
    const state = await readDaemonState(dataDir);
    const masking = effectiveConfig(local, await cachedRemoteConfig(dataDir)).masking.policy;
    let central: { reachable: boolean | null; detail: string } | null = null;
    if (identity && !options.offline && local.lockDown) {
      // Lock-down takes no remote settings, so the config call is not ours to make: judge by
      // the daemon's last upload instead.
      central = state?.lastUploadError
        ? { reachable: false, detail: `lock-down: last upload failed (${state.lastUploadError})` }
        : {
            reachable: state?.lastUploadAt ? true : null,
            detail: state?.lastUploadAt
              ? `lock-down: last upload ${state.lastUploadAt}`
              : 'lock-down: no upload yet',
          };
    } else if (identity && !options.offline) {
      const client = new GatewayClient({
        centralUrl: local.central ?? identity.centralUrl,
        caPem: identity.caPem,
        identity,
        ...(effectiveConfig(local, null).proxyUrl
          ? { proxyUrl: effectiveConfig(local, null).proxyUrl! }
          : {}),
        timeoutMs: 10_000,
      });
      try {
        const config = await client.fetchConfig(null);
        central = { reachable: true, detail: `config version ${config?.version ?? '?'}` };
      } catch (error) {
        central = {
          reachable: false,
          detail: error instanceof GatewayError ? `${error.code}: ${error.message}` : String(error),
        };
      }
    }
    const certificate = identity ? new X509Certificate(identity.certificatePem) : null;
    const report = {
      enrolled: identity !== null,
      agentId: identity?.agentId ?? null,
      central: identity ? { url: local.central ?? identity.centralUrl, ...central } : null,
      certificateValidTo: certificate ? new Date(certificate.validTo).toISOString() : null,
      lockDown: local.lockDown,
      masking,
      configVersion: local.lockDown ? null : (state?.lastConfigVersion ?? null),
      daemon: state
        ? { pid: state.pid, startedAt: state.startedAt, knownDevices: state.knownDevices }
        : null,
      lastCollectAt: state?.lastCollectAt ?? null,
      lastUploadAt: state?.lastUploadAt ?? null,
      lastUploadError: state?.lastUploadError ?? null,
      spool: await spool.stats(),
      traps: state?.traps ?? null,
      nextRuns: state?.nextRuns ?? [],
    };
    if (options.json) {
      context.stdout.write(`${toJson(report)}\n`);
    } else {
      const line = (label: string, value: string | number | null | undefined) =>
        context.stdout.write(
          `${label.padEnd(18)} ${value === null || value === undefined ? '—' : value}\n`,
        );
      line(
        'Enrolled',
        report.enrolled ? `yes, agent ${report.agentId}` : 'no (run printbeat-agent enroll)',
      );
      if (report.central)
        line(
          'Central',
          `${report.central.url} — ${central ? (central.reachable === null ? central.detail : central.reachable ? `reachable (${central.detail})` : `NOT reachable: ${central.detail}`) : 'not checked'}`,
        );
      line('Certificate until', report.certificateValidTo);
      line('Lock-down', report.lockDown ? 'on (uploads only)' : 'off');
      if (!report.lockDown)
        line(
          'Remote config',
          report.configVersion === null ? null : `version ${report.configVersion}`,
        );
      line('Masking', describeMasking(report.masking));
      line('Known printers', report.daemon?.knownDevices);
      line('Last collection', report.lastCollectAt);
      line('Last upload', report.lastUploadAt);
      if (report.lastUploadError) line('Upload error', report.lastUploadError);
      line(
        'Spool',
        `${report.spool.pendingCount} pending (${report.spool.pendingBytes} bytes), ${report.spool.sentCount} sent, ${report.spool.rejectedCount} rejected`,
      );
      line('Traps', describeTraps(report.traps));
      for (const run of report.nextRuns) line(`Next ${run.name}`, run.at);
    }
    context.report(identity && central?.reachable !== false ? 'ok' : 'partialFailure');
  });
}

/** Central's last settings as the daemon keeps them (its masking applies in lock-down too). */
async function cachedRemoteConfig(dataDir: string): Promise<AgentRemoteConfig | null> {
  try {
    return JSON.parse(
      await readFile(join(dataDir, 'remote-config.json'), 'utf8'),
    ) as AgentRemoteConfig;
  } catch {
    return null;
  }
}

function describeTraps(traps: TrapStats | null): string {
  if (!traps) return 'off';
  const where = traps.listening
    ? `listening on udp ${traps.listening}`
    : traps.error
      ? `NOT listening: ${traps.error}`
      : 'not listening (daemon stopped)';
  return (
    `${where}; ${traps.accepted} accepted` +
    (traps.lastAcceptedFrom
      ? ` (last from ${traps.lastAcceptedFrom} at ${traps.lastAcceptedAt})`
      : '') +
    `; dropped: ${traps.outOfScope} unknown sender, ${traps.badCredentials} bad credentials, ` +
    `${traps.rateLimited} over rate, ${traps.malformed} malformed`
  );
}
