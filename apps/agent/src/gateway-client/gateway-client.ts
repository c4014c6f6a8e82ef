import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import got, { type Agents, type Method, RequestError } from 'got';
import { HttpsProxyAgent } from 'hpagent';
import { bypassesProxy, noProxyFromEnvironment } from './no-proxy.js';
import type {
  AgentCommand,
  AgentRemoteConfig,
  CommandResultReport,
  CommandsPull,
  EnrollRequest,
  EnrollResponse,
  UpdateReportBody,
  UpdateTargetAnswer,
  UploadAck,
} from './protocol.js';

/** TLS material of an enrolled agent; the private key is read from disk, never sent. */
export type ClientIdentity = { certificatePem: string; privateKeyPem: string };

export type GatewayClientOptions = {
  /** e.g. https://central.example:8443 */
  centralUrl: string;
  /** CA that signed central's server certificate (and our client certificate). */
  caPem?: string;
  identity?: ClientIdentity;
  /** https://proxy:3128 — the agent tunnels through it with CONNECT. */
  proxyUrl?: string;
  /** Hosts not to reach through the proxy (NO_PROXY syntax); default: NO_PROXY / no_proxy. */
  noProxy?: string | undefined;
  timeoutMs?: number;
  /** The X-Agent-Facts header value for authenticated calls; null or a failure sends none. */
  facts?: () => Promise<string | null>;
};

/**
 * A failed exchange with central. `retryable` says whether backing off and trying again can
 * help (network errors, 5xx, 429), or whether central refused this request for good (4xx).
 */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export class GatewayClient {
  private readonly agents: Agents | undefined;
  private lastServerDate: Date | null = null;

  constructor(private readonly options: GatewayClientOptions) {
    // A proxy agent per client keeps connections alive across calls of one daemon. NO_PROXY
    // wins over any proxy setting, as with curl: central on the local network is reached directly.
    const noProxy = 'noProxy' in options ? options.noProxy : noProxyFromEnvironment();
    const proxyUrl =
      options.proxyUrl && !bypassesProxy(options.centralUrl, noProxy)
        ? options.proxyUrl
        : undefined;
    this.agents = proxyUrl
      ? { https: new HttpsProxyAgent({ proxy: proxyUrl, keepAlive: true }) }
      : undefined;
  }

  /** Central's `Date` header in its last answer, to compare clocks (null before any). */
  get serverDate(): Date | null {
    return this.lastServerDate;
  }

  enroll(request: EnrollRequest): Promise<EnrollResponse> {
    return this.call<EnrollResponse>('POST', 'enroll', { json: request }, false);
  }

  upload(uploadId: string, zip: Uint8Array): Promise<UploadAck> {
    return this.call<UploadAck>('POST', 'uploads', {
      body: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength),
      headers: { 'content-type': 'application/zip', 'x-upload-id': uploadId },
    });
  }

  async fetchCommands(): Promise<CommandsPull> {
    const body = await this.call<{ commands: AgentCommand[]; configVersion?: unknown }>(
      'GET',
      'commands',
      {},
    );
    const version = body.configVersion;
    return {
      commands: body.commands,
      configVersion: typeof version === 'number' && Number.isInteger(version) ? version : null,
    };
  }

  reportResult(
    commandId: string,
    report: CommandResultReport,
  ): Promise<{ id: string; status: string }> {
    return this.call('POST', `commands/${encodeURIComponent(commandId)}/result`, { json: report });
  }

  /** Returns null when central answers 304 (our version is current). */
  async fetchConfig(currentVersion: number | null): Promise<AgentRemoteConfig | null> {
    const headers: Record<string, string> =
      currentVersion === null ? {} : { 'if-none-match': `"${currentVersion}"` };
    const config = await this.call<AgentRemoteConfig | undefined>(
      'GET',
      'config',
      { headers },
      true,
      [304],
    );
    return config ?? null;
  }

  renew(csrPem: string): Promise<{ certificate: string; caChain: string[] }> {
    return this.call('POST', 'renew', { json: { csr: csrPem } });
  }

  fetchUpdateTarget(platform: string, version: string): Promise<UpdateTargetAnswer> {
    const query = new URLSearchParams({ platform, version });
    return this.call<UpdateTargetAnswer>('GET', `update?${query.toString()}`, {});
  }

  reportUpdate(report: UpdateReportBody): Promise<{ id: string }> {
    return this.call('POST', 'update/report', { json: report });
  }

  /**
   * Appends a release artifact to `destination` from byte `from` on (HTTP Range), so a broken
   * download resumes where it stopped.
   */
  async downloadArtifact(releaseId: string, destination: string, from: number): Promise<void> {
    const url = this.url(`releases/${encodeURIComponent(releaseId)}/artifact`);
    const facts = await this.factsHeader();
    const stream = got.stream(url, {
      headers: {
        'user-agent': 'printbeat-agent',
        ...facts,
        ...(from > 0 ? { range: `bytes=${from}-` } : {}),
      },
      https: this.httpsOptions(true),
      agent: this.agents,
      timeout: {
        response: this.options.timeoutMs ?? 30_000,
        socket: this.options.timeoutMs ?? 30_000,
      },
      retry: { limit: 0 },
      throwHttpErrors: false,
    });
    const response = await new Promise<{ statusCode: number; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        stream.once('response', resolve);
        stream.once('error', reject);
      },
    ).catch((error: unknown) => {
      throw new GatewayError(
        'CENTRAL_UNREACHABLE',
        `Central at ${url.origin} unreachable (${String(error)})`,
        null,
        true,
      );
    });
    if (response.statusCode !== 200 && response.statusCode !== 206) {
      stream.destroy();
      throw new GatewayError(
        `HTTP_${response.statusCode}`,
        `Central refused GET ${url.pathname}: ${response.statusCode}`,
        response.statusCode,
        response.statusCode >= 500 || response.statusCode === 429,
      );
    }
    // 200 instead of 206: central sent the whole artifact, so start the file over.
    const flags = response.statusCode === 206 ? 'a' : 'w';
    try {
      await pipeline(stream, createWriteStream(destination, { flags, mode: 0o600 }));
    } catch (error) {
      throw new GatewayError(
        'DOWNLOAD_INTERRUPTED',
        `Download of release ${releaseId} interrupted (${String(error)}); it resumes next time`,
        null,
        true,
      );
    }
  }

  private url(path: string): URL {
    return new URL(
      `agent/v1/${path}`,
      this.options.centralUrl.endsWith('/')
        ? this.options.centralUrl
        : `${this.options.centralUrl}/`,
    );
  }

  private httpsOptions(withIdentity: boolean) {
    return {
      certificateAuthority: this.options.caPem,
      certificate: withIdentity ? this.options.identity?.certificatePem : undefined,
      key: withIdentity ? this.options.identity?.privateKeyPem : undefined,
      minVersion: 'TLSv1.2' as const,
    };
  }

  private async factsHeader(): Promise<Record<string, string>> {
    const value = await this.options.facts?.().catch(() => null);
    return value ? { 'x-agent-facts': value } : {};
  }

  private async call<T>(
    method: Method,
    path: string,
    request: { json?: unknown; body?: Buffer; headers?: Record<string, string> },
    withIdentity = true,
    emptyStatuses: number[] = [],
  ): Promise<T> {
    if (withIdentity && !this.options.identity) {
      throw new GatewayError(
        'NOT_ENROLLED',
        'This agent is not enrolled: run `printbeat-agent enroll` first',
        null,
        false,
      );
    }
    const url = this.url(path);
    const facts = withIdentity ? await this.factsHeader() : {};
    let response;
    try {
      response = await got(url, {
        method,
        ...(request.json === undefined ? {} : { json: request.json }),
        ...(request.body === undefined ? {} : { body: request.body }),
        headers: { 'user-agent': 'printbeat-agent', ...facts, ...request.headers },
        https: this.httpsOptions(withIdentity),
        agent: this.agents,
        timeout: { request: this.options.timeoutMs ?? 30_000 },
        retry: { limit: 0 }, // retries are the daemon's, with a backoff per path
        throwHttpErrors: false,
        responseType: 'text',
      });
    } catch (error) {
      const reason =
        error instanceof RequestError ? `${error.code}: ${error.message}` : String(error);
      throw new GatewayError(
        'CENTRAL_UNREACHABLE',
        `Central at ${url.origin} unreachable (${reason})`,
        null,
        true,
      );
    }
    const date = response.headers.date;
    this.lastServerDate = date ? new Date(date) : null;
    if (emptyStatuses.includes(response.statusCode)) return undefined as T;
    const body: unknown = response.body ? safeJson(response.body) : undefined;
    if (response.statusCode >= 200 && response.statusCode < 300) return body as T;
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const retryAfter = Number(response.headers['retry-after']);
    throw new GatewayError(
      error?.code ?? `HTTP_${response.statusCode}`,
      `Central refused ${method} ${url.pathname}: ${response.statusCode} ${error?.message ?? response.statusMessage ?? ''}`.trim(),
      response.statusCode,
      response.statusCode >= 500 || response.statusCode === 429 || response.statusCode === 408,
      Number.isFinite(retryAfter) ? retryAfter * 1000 : null,
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
