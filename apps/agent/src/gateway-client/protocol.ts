import type { RemoteMasking } from '../masking/masking-policy.js';
import type { DiscoveryTarget, SnmpSettingsList } from '../targets/discovery-targets.js';

/** Message shapes of docs/agent-protocol.md, as the agent sends and reads them. */
export type CommandType =
  | 'REFRESH_STATUS'
  | 'SEND_METERS'
  | 'PRINT_TEST_PAGE'
  | 'REBOOT'
  | 'TROUBLESHOOT'
  | 'UPDATE_SETTINGS';

export const COMMAND_TYPES: readonly CommandType[] = [
  'REFRESH_STATUS',
  'SEND_METERS',
  'PRINT_TEST_PAGE',
  'REBOOT',
  'TROUBLESHOOT',
  'UPDATE_SETTINGS',
];

export type EnrollRequest = {
  registrationKey: string;
  csr: string;
  facts: { hostname: string; os: string; agentVersion: string };
};

export type Schedules = {
  discovery: { dailyAt: string } | { everySeconds: number };
  meters: { everySeconds: number };
  status: { everySeconds: number };
  upload: { everySeconds: number };
  commandPoll: { everySeconds: number };
};

export type AgentRemoteConfig = {
  version: number;
  schedules: Schedules;
  discovery: {
    targets: DiscoveryTarget[];
    snmpPort: number;
    concurrency: number;
    timeoutMs: number;
  };
  snmp: SnmpSettingsList;
  /** Write credentials for actions that SET, on targets without their own; absent: none. */
  snmpWrite?: SnmpSettingsList;
  allowedActions: CommandType[];
  /** Central's masking per field group and the customer's hash key (absent from older centrals). */
  masking?: RemoteMasking;
};

export type EnrollResponse = {
  agentId: string;
  tenantId: string;
  customerId: string;
  siteId: string;
  certificate: string;
  caChain: string[];
  config: AgentRemoteConfig;
};

export type UploadAck = {
  uploadId: string;
  status: 'accepted' | 'duplicate';
  devices?: number;
  readings?: number;
  /** Readings central refused as dated too far in the future (the upload is still accepted). */
  refusedReadings?: number;
};

export type AgentCommand = {
  id: string;
  type: CommandType;
  deviceId: string | null;
  target: { address: string } | null;
  params: Record<string, unknown>;
  createdAt: string;
  expiresAt: string;
};

/** `GET /agent/v1/commands`; `configVersion` is null from a central that does not announce it. */
export type CommandsPull = { commands: AgentCommand[]; configVersion: number | null };

export type CommandResultReport = {
  status: 'SUCCEEDED' | 'FAILED' | 'REFUSED';
  message: string;
  result: Record<string, unknown>;
  finishedAt: string;
};

/** `GET /agent/v1/update`: the release central wants this agent to run, or null. */
export type UpdateTarget = {
  releaseId: string;
  version: string;
  platform: string;
  size: number;
  sha256: string;
  /** The release manifest as signed by the release key (compact JWS). */
  manifest: string;
  /** The operator asked for this older version explicitly. */
  downgrade: boolean;
};

export type UpdateTargetAnswer = { target: UpdateTarget | null; reason: string | null };

/** `POST /agent/v1/update/report`. */
export type UpdateReportBody = {
  outcome: 'INSTALLED' | 'ROLLED_BACK' | 'REFUSED' | 'FAILED';
  fromVersion: string;
  toVersion: string;
  code: string | null;
  reason: string;
  at: string;
};
