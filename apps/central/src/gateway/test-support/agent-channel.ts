/* eslint-disable @typescript-eslint/no-explicit-any -- gateway responses in tests are asserted by value with expect(), not by static type */
import { randomUUID } from 'node:crypto';
import got, { type Method } from 'got';
import {
  packUpload,
  type DevicePayload,
  type Reading,
  type UploadPayload,
} from '@printbeat/payload';
import { createCsr, generateKeyPair } from '@printbeat/pki';
import {
  createCustomer,
  createDealer,
  createSite,
  signIn,
  type Dealer,
} from '../../platform/graphql/test-support/scenario.js';
import { startTestApp, type TestApp } from '../../platform/graphql/test-support/test-app.js';
import { CentralPki } from '../../platform/pki/central-pki.js';
import { GatewayServer } from '../gateway.server.js';

export type Channel = {
  t: TestApp;
  gatewayUrl: string;
  caChain: string[];
  operatorToken: string;
};

export type DealerSite = { dealer: Dealer; customerId: string; siteId: string };

export type AgentIdentity = {
  agentId: string;
  tenantId: string;
  customerId: string;
  siteId: string;
  certificatePem: string;
  privateKeyPem: string;
};

export type GatewayResponse<T = any> = {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
};

/** Central (web + gateway) on ephemeral loopback ports, with a signed-in platform operator. */
export async function startChannel(overrides: Record<string, string> = {}): Promise<Channel> {
  const t = await startTestApp(overrides);
  const gateway = t.app.get(GatewayServer);
  const operator = await signIn(t.client, t.operator.email, t.operator.password);
  return {
    t,
    gatewayUrl: gateway.url(),
    caChain: t.app.get(CentralPki).chainPem,
    operatorToken: operator.accessToken,
  };
}

export async function dealerWithSite(channel: Channel, label: string): Promise<DealerSite> {
  const dealer = await createDealer(channel.t.client, channel.operatorToken, label);
  const customerId = await createCustomer(channel.t.client, dealer.adminToken, `Customer ${label}`);
  const siteId = await createSite(channel.t.client, dealer.adminToken, customerId, `Site ${label}`);
  return { dealer, customerId, siteId };
}

export async function createRegistrationKey(
  channel: Channel,
  token: string,
  input: { customerId: string; siteId: string; maxUses?: number; expiresAt?: string },
): Promise<{ id: string; secret: string }> {
  const data = await channel.t.client.ok<{
    createRegistrationKey: { secret: string; registrationKey: { id: string } };
  }>(
    `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret registrationKey { id prefix useCount } } }`,
    { input },
    token,
  );
  return {
    id: data.createRegistrationKey.registrationKey.id,
    secret: data.createRegistrationKey.secret,
  };
}

export async function agentKeys(
  commonName = 'test-agent',
): Promise<{ privateKeyPem: string; publicKeyPem: string; csr: string }> {
  const keys = await generateKeyPair({ modulusLength: 2048 });
  return {
    ...keys,
    csr: createCsr({
      privateKeyPem: keys.privateKeyPem,
      publicKeyPem: keys.publicKeyPem,
      commonName,
    }),
  };
}

export async function gatewayRequest<T = any>(
  channel: Channel,
  method: Method,
  path: string,
  options: {
    json?: unknown;
    body?: Buffer;
    headers?: Record<string, string>;
    identity?: { certificatePem: string; privateKeyPem: string };
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<GatewayResponse<T>> {
  const response = await got(`${channel.gatewayUrl}/agent/v1/${path}`, {
    method,
    ...(options.json === undefined ? {} : { json: options.json }),
    ...(options.body === undefined ? {} : { body: options.body }),
    headers: options.headers ?? {},
    https: {
      certificateAuthority: channel.caChain.join('\n'),
      ...(options.identity
        ? { certificate: options.identity.certificatePem, key: options.identity.privateKeyPem }
        : {}),
      minVersion: 'TLSv1.2',
    },
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'text',
    timeout: { request: options.timeoutMs ?? 30_000 },
  });
  return {
    status: response.statusCode,
    body: response.body ? (JSON.parse(response.body) as T) : (undefined as T),
    headers: response.headers,
  };
}

export async function enrollAgent(
  channel: Channel,
  registrationKey: string,
  hostname = 'print-gw-01',
): Promise<AgentIdentity> {
  const keys = await agentKeys(hostname);
  const response = await gatewayRequest(channel, 'POST', 'enroll', {
    json: {
      registrationKey,
      csr: keys.csr,
      facts: { hostname, os: 'linux 6.1 x64', agentVersion: '0.1.0' },
    },
  });
  if (response.status !== 200)
    throw new Error(`enroll failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    agentId: response.body.agentId,
    tenantId: response.body.tenantId,
    customerId: response.body.customerId,
    siteId: response.body.siteId,
    certificatePem: response.body.certificate,
    privateKeyPem: keys.privateKeyPem,
  };
}

/** A dealer, customer, site, key and one enrolled agent. */
export async function enrolledAgentOf(
  channel: Channel,
  label: string,
): Promise<DealerSite & { agent: AgentIdentity }> {
  const site = await dealerWithSite(channel, label);
  const key = await createRegistrationKey(channel, site.dealer.adminToken, {
    customerId: site.customerId,
    siteId: site.siteId,
  });
  return { ...site, agent: await enrollAgent(channel, key.secret) };
}

export function reading(
  takenAt: string,
  total: number,
  tonerPercent: number,
  errors: Reading['status']['errors'] = [],
): Reading {
  return {
    takenAt,
    counters: { total, mono: total - 100, color: 100, extra: { 'kyocera.printerBlackA3': 17 } },
    supplies: [
      {
        index: '1.1',
        description: 'TK-3160',
        type: 'toner',
        color: 'black',
        level: tonerPercent,
        maxCapacity: 100,
        percent: tonerPercent,
        state: 'ok',
        partNumber: 'TK-3160',
      },
    ],
    status: {
      printer: errors.length ? 'other' : 'idle',
      device: errors.length ? 'warning' : 'running',
      errors,
    },
    alerts: [],
    console: 'Ready.',
  };
}

export function device(
  serial: string,
  address: string,
  readings: Reading[],
  mac: string | null = null,
): DevicePayload {
  return {
    address,
    identity: {
      manufacturer: 'Kyocera',
      model: 'ECOSYS P3145dn',
      serial,
      mac,
      ip: address,
      hostname: null,
      firmware: '2S0_2F00.002.002',
      location: 'Floor 2',
      contact: null,
      assetTag: null,
      sysObjectId: '1.3.6.1.4.1.1347.41',
      sysDescr: null,
      uptimeSeconds: 864012,
    },
    readings,
  };
}

export function payloadOf(
  agentId: string,
  devices: DevicePayload[],
  extra: Partial<UploadPayload> = {},
): UploadPayload {
  return {
    version: 1,
    uploadId: randomUUID(),
    agentId,
    agentVersion: '0.1.0',
    createdAt: new Date().toISOString(),
    devices,
    ...extra,
  };
}

export async function pack(agent: AgentIdentity, payload: UploadPayload): Promise<Buffer> {
  const packed = await packUpload({ payload, signManifest: agent.privateKeyPem });
  return Buffer.from(packed.zip);
}

export function upload(
  channel: Channel,
  agent: AgentIdentity,
  zip: Buffer,
  uploadId?: string,
): Promise<GatewayResponse> {
  return gatewayRequest(channel, 'POST', 'uploads', {
    body: zip,
    headers: {
      'content-type': 'application/zip',
      ...(uploadId ? { 'x-upload-id': uploadId } : {}),
    },
    identity: agent,
  });
}
