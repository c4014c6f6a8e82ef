import { Command } from 'commander';
import { effectiveConfig, loadLocalConfig } from '../agent-config.js';
import { GatewayClient } from '../gateway-client/gateway-client.js';
import {
  certificateValidity,
  isRenewalDue,
  renewCertificate,
} from '../identity/certificate-renewal.js';
import { IdentityStore } from '../identity/identity-store.js';
import { addAgentPathOptions, existingAgentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';
import { toJson } from './json-output.js';

type RenewCliOptions = AgentPathOptions & { ifDue?: boolean; json?: boolean };

/**
 * Renews the agent's certificate now, the same way the daemon does before expiry. For
 * operators (e.g. after a CA rollover); a running daemon switches to the new pair before its
 * next call to central (AgentDaemon.followIdentityOnDisk).
 */
export function renewCommand(context: CommandContext): Command {
  const command = new Command('renew')
    .description(
      'renew the agent certificate now (new key pair, CSR over the current mTLS session)',
    )
    .option('--if-due', 'only if two thirds of its lifetime have passed (what the daemon does)')
    .option('--json', 'print JSON');
  addAgentPathOptions(command);
  return command.action(async (options: RenewCliOptions) => {
    const { dataDir, configPath } = await existingAgentPaths(options, (line) =>
      context.stderr.write(`${line}\n`),
    );
    const store = new IdentityStore(dataDir);
    const identity = await store.require();
    const local = await loadLocalConfig(configPath);
    const before = certificateValidity(identity.certificatePem);
    if (options.ifDue && !isRenewalDue(before, new Date())) {
      const report = { renewed: false, validTo: before.validTo.toISOString() };
      context.stdout.write(
        options.json
          ? `${toJson(report)}\n`
          : `Not due yet: the certificate is valid until ${report.validTo}\n`,
      );
      context.report('ok');
      return;
    }
    const proxyUrl = effectiveConfig(local, null).proxyUrl;
    const client = new GatewayClient({
      centralUrl: local.central ?? identity.centralUrl,
      caPem: identity.caPem,
      identity,
      ...(proxyUrl ? { proxyUrl } : {}),
    });
    const renewed = certificateValidity(
      (await renewCertificate(identity, client, store)).certificatePem,
    );
    const report = {
      renewed: true,
      validFrom: renewed.validFrom.toISOString(),
      validTo: renewed.validTo.toISOString(),
    };
    context.stdout.write(
      options.json ? `${toJson(report)}\n` : `Certificate renewed: valid until ${report.validTo}\n`,
    );
    context.report('ok');
  });
}
