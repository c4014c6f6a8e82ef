import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { UsageError } from '../agent.errors.js';
import { loadLocalConfig, proxyFromEnvironment } from '../agent-config.js';
import { enroll } from '../enrollment/enroll.js';
import { pinReleaseKey, readReleaseKeyFile } from '../update/release-key.js';
import { addAgentPathOptions, agentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';

type EnrollCliOptions = AgentPathOptions & {
  central: string;
  key: string;
  caFile?: string;
  caFingerprint?: string;
  proxy?: string;
  force?: boolean;
  releaseKey?: string;
};

export function enrollCommand(context: CommandContext): Command {
  const command = new Command('enroll')
    .description(
      'register this agent with central using a registration key (one time); the private key never leaves this machine',
    )
    .requiredOption('--central <url>', 'central agent gateway, e.g. https://central.example:8443')
    .requiredOption('--key <registration-key>', 'registration key created in the portal')
    .option(
      '--ca-file <file>',
      "PEM of the CA that signed central's gateway certificate (default: system CAs)",
    )
    .option(
      '--ca-fingerprint <sha256>',
      "SHA-256 fingerprint of central's CA (shown in the portal): trust the certificate central presents with it",
    )
    .option('--proxy <url>', 'HTTPS proxy (default: HTTPS_PROXY)')
    .option(
      '--release-key <file>',
      'public key (PEM) of the release key: the agent installs only updates it signed',
    )
    .option('--force', 'enroll again even if this agent already has an identity');
  addAgentPathOptions(command);
  return command.action(async (options: EnrollCliOptions) => {
    const { dataDir, configPath } = agentPaths(options);
    if (options.caFile && options.caFingerprint)
      throw new UsageError(
        'CONFLICTING_OPTIONS',
        '--ca-file and --ca-fingerprint: pass one of them',
      );
    const releaseKeyPem = options.releaseKey
      ? await readReleaseKeyFile(options.releaseKey)
      : undefined;
    const caPem = options.caFile ? await readFile(options.caFile, 'utf8') : undefined;
    const proxyUrl = options.proxy ?? proxyFromEnvironment() ?? undefined;
    const local = await loadLocalConfig(configPath);
    const result = await enroll({
      centralUrl: options.central,
      registrationKey: options.key,
      dataDir,
      ...(caPem ? { caPem } : {}),
      ...(options.caFingerprint ? { caFingerprint: options.caFingerprint } : {}),
      ...(proxyUrl ? { proxyUrl } : {}),
      ...(options.force ? { force: true } : {}),
      ...(local.masking.hostname ? { hostnameMasking: local.masking.hostname } : {}),
    });
    if (releaseKeyPem) await pinReleaseKey(dataDir, releaseKeyPem);
    context.stdout.write(
      `Enrolled as agent ${result.agentId} (tenant ${result.tenantId}, customer ${result.customerId}); identity stored in ${dataDir}/identity\n`,
    );
    context.report('ok');
  });
}
