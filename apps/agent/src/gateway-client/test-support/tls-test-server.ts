import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  caChainPem,
  createCertificateAuthority,
  createCsr,
  generateKeyPair,
  issueServerCertificate,
  signAgentCsr,
} from '@printbeat/pki';

export const AGENT_ID = '0a0b0c0d-0000-4000-8000-000000000001';

export type RecordedRequest = {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  clientCertificateCn: string | null;
};
export type TestHandler = (request: RecordedRequest, response: ServerResponse) => void;

export type TlsTestServer = {
  url: string;
  caPem: string;
  client: { certificatePem: string; privateKeyPem: string };
  requests: RecordedRequest[];
  handle(handler: TestHandler): void;
  close(): Promise<void>;
};

/**
 * A real HTTPS server on 127.0.0.1 with certificates from @printbeat/pki: a CA, a server
 * certificate for 127.0.0.1, and one agent client certificate signed by the same CA.
 * Client certificates are requested and verified, like central's gateway does.
 */
export async function startTlsTestServer(): Promise<TlsTestServer> {
  const ca = await createCertificateAuthority({
    commonName: 'Test CA',
    validityDays: 2,
    modulusLength: 2048,
  });
  const serverKeys = await generateKeyPair();
  const serverCert = issueServerCertificate({
    ca,
    hostnames: ['127.0.0.1'],
    validityDays: 1,
    publicKeyPem: serverKeys.publicKeyPem,
  });
  const agentKeys = await generateKeyPair();
  const csr = createCsr({
    privateKeyPem: agentKeys.privateKeyPem,
    publicKeyPem: agentKeys.publicKeyPem,
    commonName: 'agent',
  });
  const agentId = AGENT_ID;
  const agentCert = signAgentCsr({
    ca,
    csrPem: csr,
    agentId,
    tenantId: 'tenant-1',
    validityDays: 1,
  });
  const caPem = caChainPem(ca).join('\n');
  const requests: RecordedRequest[] = [];
  let handler: TestHandler = (_req, res) => res.writeHead(404).end();

  const server: Server = createServer(
    {
      key: serverKeys.privateKeyPem,
      cert: serverCert.certPem,
      ca: caPem,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const socket = req.socket as TLSSocket;
        const peer = socket.authorized ? socket.getPeerCertificate() : null;
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks),
          clientCertificateCn: peer?.subject ? String(peer.subject.CN) : null,
        };
        requests.push(recorded);
        handler(recorded, res);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem,
    client: { certificatePem: agentCert.certPem, privateKeyPem: agentKeys.privateKeyPem },
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(body === undefined ? undefined : JSON.stringify(body));
}
