import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
} from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import {
  caChainPem,
  certificateFingerprint,
  createCertificateAuthority,
  createCsr,
  decryptPrivateKey,
  encryptPrivateKey,
  generateKeyPair,
  isIssuedBy,
  issueServerCertificate,
  normalizeFingerprint,
  PkiError,
  readAgentIdentity,
  signAgentCsr,
  verifyAgentCertificate,
  verifyIssuedBy,
  type CertificateAuthority,
  type KeyPairPem,
} from './index.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let agentKeys: KeyPairPem;

beforeAll(async () => {
  [ca, otherCa, agentKeys] = await Promise.all([
    createCertificateAuthority({
      commonName: 'Printbeat Test CA',
      validityDays: 3650,
      modulusLength: 2048,
      now: NOW,
    }),
    createCertificateAuthority({
      commonName: 'Intruder CA',
      validityDays: 3650,
      modulusLength: 2048,
      now: NOW,
    }),
    generateKeyPair({ modulusLength: 2048 }),
  ]);
}, 60_000);

function expectPkiError(run: () => unknown, code: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PkiError);
  expect((caught as PkiError).code).toBe(code);
}

function issueAgent(overrides: Partial<Parameters<typeof signAgentCsr>[0]> = {}) {
  const csrPem = createCsr({ ...agentKeys, commonName: 'agent-on-site' });
  return signAgentCsr({
    ca,
    csrPem,
    agentId: 'agt_01HZX4',
    tenantId: 'ten_acme',
    customerId: 'cus_globex',
    validityDays: 30,
    now: NOW,
    ...overrides,
  });
}

describe('certificate authority', () => {
  it('is a root that signs an issuing CA, both CA:true and verifiable with OpenSSL', () => {
    const root = new X509Certificate(ca.root.certPem);
    const issuing = new X509Certificate(ca.issuing.certPem);
    expect(root.ca).toBe(true);
    expect(issuing.ca).toBe(true);
    expect(root.subject).toContain('CN=Printbeat Test CA Root');
    expect(issuing.subject).toContain('CN=Printbeat Test CA Issuing');
    expect(root.verify(root.publicKey)).toBe(true);
    expect(issuing.checkIssued(root)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(issuing.verify(new X509Certificate(otherCa.root.certPem).publicKey)).toBe(false);
    expect(caChainPem(ca)).toEqual([ca.issuing.certPem, ca.root.certPem]);
    expect(new Date(root.validTo).getTime()).toBe(Date.parse('2036-02-27T12:00:00.000Z'));
  });

  it('keeps the CA key encrypted with AES-256 PKCS#8 and refuses a wrong passphrase', () => {
    const encrypted = encryptPrivateKey(ca.root.keyPem, 'correct horse battery staple');
    expect(encrypted).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(encrypted).not.toContain(ca.root.keyPem.split('\n')[1]);
    const decrypted = decryptPrivateKey(encrypted, 'correct horse battery staple');
    expect(
      createPublicKey(createPrivateKey(decrypted)).export({ type: 'spki', format: 'pem' }),
    ).toBe(
      createPublicKey(createPrivateKey(ca.root.keyPem)).export({ type: 'spki', format: 'pem' }),
    );
    expectPkiError(
      () => decryptPrivateKey(encrypted, 'wrong horse battery staple'),
      'WRONG_PASSPHRASE',
    );
    expectPkiError(() => encryptPrivateKey(ca.root.keyPem, 'short'), 'INVALID_ARGUMENT');
  });
});

describe('agent certificates', () => {
  it('binds agent, tenant and customer, for client auth only, with the CSR public key', () => {
    const issued = issueAgent();
    const cert = new X509Certificate(issued.certPem);
    expect(cert.subject.split('\n')).toEqual(['CN=agt_01HZX4', 'O=ten_acme', 'OU=cus_globex']);
    expect(cert.subjectAltName).toBe(
      'URI:urn:printbeat:agent:agt_01HZX4, URI:urn:printbeat:tenant:ten_acme, URI:urn:printbeat:customer:cus_globex',
    );
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.ca).toBe(false);
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(agentKeys.publicKeyPem);
    expect(cert.checkIssued(new X509Certificate(ca.issuing.certPem))).toBe(true);
    expect(cert.verify(new X509Certificate(ca.issuing.certPem).publicKey)).toBe(true);
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-03-01T11:55:00.000Z');
    expect(new Date(cert.validTo).toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(issued.notAfter.toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(cert.serialNumber.toLowerCase()).toBe(issued.serial);
    expect(issued.serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(issued.fingerprintSha256).toBe(normalizeFingerprint(cert.fingerprint256));
  });

  it('accepts CSRs from hosts with non-ASCII names', () => {
    const csrPem = createCsr({ ...agentKeys, commonName: 'Büro-Drucker-Ω' });
    expect(readAgentIdentity(issueAgent({ csrPem }).certPem).agentId).toBe('agt_01HZX4');
  });

  it('uses random serials unless one is given', () => {
    expect(issueAgent().serial).not.toBe(issueAgent().serial);
    expect(issueAgent({ serial: '0a1b2c' }).serial).toBe('0a1b2c');
    expectPkiError(() => issueAgent({ serial: 'ff00' }), 'INVALID_ARGUMENT');
  });

  it('reads the identity back from PEM, DER and node certificates', () => {
    const issued = issueAgent();
    const expected = {
      agentId: 'agt_01HZX4',
      tenantId: 'ten_acme',
      customerId: 'cus_globex',
      serial: issued.serial,
      fingerprintSha256: issued.fingerprintSha256,
      notBefore: new Date('2026-03-01T11:55:00.000Z'),
      notAfter: new Date('2026-03-31T12:00:00.000Z'),
    };
    const node = new X509Certificate(issued.certPem);
    expect(readAgentIdentity(issued.certPem)).toEqual(expected);
    expect(readAgentIdentity(node.raw)).toEqual(expected);
    expect(readAgentIdentity(node)).toEqual(expected);
    expect(certificateFingerprint(node)).toBe(issued.fingerprintSha256);
    expect(certificateFingerprint(issued.certPem)).toBe(issued.fingerprintSha256);
    expect(readAgentIdentity(issueAgent({ customerId: undefined }).certPem).customerId).toBeNull();
  });

  it('refuses to read a server certificate as an agent identity', () => {
    const server = issueServerCertificate({
      ca,
      hostnames: ['localhost'],
      validityDays: 30,
      publicKeyPem: agentKeys.publicKeyPem,
    });
    expectPkiError(() => readAgentIdentity(server.certPem), 'NOT_AN_AGENT_CERTIFICATE');
    expectPkiError(() => readAgentIdentity('not a certificate'), 'INVALID_CERTIFICATE');
  });

  it('verifies issuance against the right CA only', () => {
    const issued = issueAgent();
    expect(isIssuedBy(issued.certPem, ca.issuing.certPem)).toBe(true);
    expect(() => verifyIssuedBy(issued.certPem, ca.issuing.certPem)).not.toThrow();
    expect(isIssuedBy(issued.certPem, otherCa.issuing.certPem)).toBe(false);
    expectPkiError(
      () => verifyIssuedBy(issued.certPem, otherCa.issuing.certPem),
      'NOT_ISSUED_BY_CA',
    );
    // The root did not sign the leaf directly.
    expect(isIssuedBy(issued.certPem, ca.root.certPem)).toBe(false);

    const foreign = signAgentCsr({
      ca: otherCa,
      csrPem: createCsr({ ...agentKeys, commonName: 'x' }),
      agentId: 'agt_01HZX4',
      tenantId: 'ten_acme',
      validityDays: 30,
      now: NOW,
    });
    expectPkiError(() => verifyIssuedBy(foreign.certPem, ca.issuing.certPem), 'NOT_ISSUED_BY_CA');
    expectPkiError(
      () => verifyAgentCertificate(foreign.certPem, { chainPem: caChainPem(ca), at: NOW }),
      'NOT_ISSUED_BY_CA',
    );
  });

  it('checks the whole chain and validity period', () => {
    const issued = issueAgent();
    const chainPem = caChainPem(ca);
    expect(
      verifyAgentCertificate(issued.certPem, { chainPem, at: new Date('2026-03-15T00:00:00Z') })
        .agentId,
    ).toBe('agt_01HZX4');
    expectPkiError(
      () =>
        verifyAgentCertificate(issued.certPem, { chainPem, at: new Date('2026-04-01T00:00:00Z') }),
      'CERTIFICATE_EXPIRED',
    );
    expectPkiError(
      () =>
        verifyAgentCertificate(issued.certPem, { chainPem, at: new Date('2026-03-01T11:00:00Z') }),
      'CERTIFICATE_NOT_YET_VALID',
    );
    // Issuing CA with the wrong root behind it.
    expectPkiError(
      () =>
        verifyAgentCertificate(issued.certPem, {
          chainPem: [ca.issuing.certPem, otherCa.root.certPem],
          at: NOW,
        }),
      'NOT_ISSUED_BY_CA',
    );
  });

  it('never issues past the issuing CA expiry', () => {
    const issued = issueAgent({ validityDays: 20000 });
    expect(issued.notAfter.getTime()).toBe(
      new Date(new X509Certificate(ca.issuing.certPem).validTo).getTime(),
    );
  });

  it('refuses malformed, tampered and weak CSRs and bad ids', () => {
    expectPkiError(() => issueAgent({ csrPem: 'hello' }), 'INVALID_CSR');
    expectPkiError(
      () =>
        issueAgent({
          csrPem: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
        }),
      'INVALID_CSR',
    );

    const csrPem = createCsr({ ...agentKeys, commonName: 'agent-AAAA' });
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const at = der.indexOf('agent-AAAA');
    expect(at).toBeGreaterThan(0);
    der.write('agent-BBBB', at, 'latin1');
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE REQUEST-----\n`;
    expectPkiError(() => issueAgent({ csrPem: tampered }), 'CSR_SIGNATURE_INVALID');

    const weak = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expectPkiError(
      () =>
        issueAgent({
          csrPem: createCsr({
            privateKeyPem: weak.privateKey,
            publicKeyPem: weak.publicKey,
            commonName: 'ok',
          }),
        }),
      'WEAK_KEY',
    );
    expectPkiError(
      () =>
        createCsr({
          privateKeyPem: weak.privateKey,
          publicKeyPem: agentKeys.publicKeyPem,
          commonName: 'x',
        }),
      'INVALID_KEY',
    );

    expectPkiError(() => issueAgent({ agentId: 'agt,O=evil' }), 'INVALID_ARGUMENT');
    expectPkiError(() => issueAgent({ tenantId: '' }), 'INVALID_ARGUMENT');
    expectPkiError(
      () => issueAgent({ ca: { certPem: ca.issuing.certPem, keyPem: otherCa.issuing.keyPem } }),
      'INVALID_KEY',
    );
  });
});

describe('server certificates', () => {
  it('carries DNS and IP SANs for server auth', () => {
    const issued = issueServerCertificate({
      ca,
      hostnames: ['localhost', '127.0.0.1', 'gateway.printbeat.test'],
      validityDays: 90,
      publicKeyPem: agentKeys.publicKeyPem,
      now: NOW,
    });
    const cert = new X509Certificate(issued.certPem);
    expect(cert.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, DNS:gateway.printbeat.test',
    );
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expectPkiError(
      () =>
        issueServerCertificate({
          ca,
          hostnames: ['bad host'],
          validityDays: 1,
          publicKeyPem: agentKeys.publicKeyPem,
        }),
      'INVALID_ARGUMENT',
    );
  });
});

describe('mutual TLS on loopback', () => {
  type Outcome = {
    serverSawAgent: string | null;
    serverError: string | null;
    clientReceived: string;
  };

  async function handshake(
    clientCertPem: string,
    clientKeyPem: string,
    clientChain: string[],
  ): Promise<Outcome> {
    const serverKeys = await generateKeyPair({ modulusLength: 2048 });
    const serverCert = issueServerCertificate({
      ca,
      hostnames: ['localhost', '127.0.0.1'],
      validityDays: 30,
      publicKeyPem: serverKeys.publicKeyPem,
    });
    const server = createServer({
      key: serverKeys.privateKeyPem,
      cert: [serverCert.certPem, ca.issuing.certPem].join(''),
      ca: [ca.root.certPem, ca.issuing.certPem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
    const outcome: Outcome = { serverSawAgent: null, serverError: null, clientReceived: '' };
    const serverDone = new Promise<void>((resolve) => {
      server.on('secureConnection', (socket: TLSSocket) => {
        outcome.serverSawAgent = readAgentIdentity(socket.getPeerX509Certificate()!).agentId;
        socket.end('hello agent');
        resolve();
      });
      server.on('tlsClientError', (error) => {
        outcome.serverError = (error as NodeJS.ErrnoException).code ?? error.message;
        resolve();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const client = connect({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      ca: [ca.root.certPem],
      cert: [clientCertPem, ...clientChain].join(''),
      key: clientKeyPem,
    });
    const clientDone = new Promise<void>((resolve) => {
      // A refused client certificate surfaces as a reset (TLS 1.2) or a silent close (1.3).
      client.on('error', () => resolve());
      client.on('close', () => resolve());
      client.on('data', (chunk: Buffer) => {
        outcome.clientReceived += chunk.toString();
      });
    });
    await Promise.all([serverDone, clientDone]);
    client.destroy();
    server.close();
    return outcome;
  }

  it('accepts an agent certificate issued by the CA', async () => {
    const issued = issueAgent({ now: new Date() });
    const outcome = await handshake(issued.certPem, agentKeys.privateKeyPem, [ca.issuing.certPem]);
    expect(outcome).toEqual({
      serverSawAgent: 'agt_01HZX4',
      serverError: null,
      clientReceived: 'hello agent',
    });
  }, 20_000);

  it('refuses an expired agent certificate', async () => {
    const expired = issueAgent({ now: new Date(Date.now() - 40 * 24 * 3600 * 1000) });
    const outcome = await handshake(expired.certPem, agentKeys.privateKeyPem, [ca.issuing.certPem]);
    expect(outcome.serverSawAgent).toBeNull();
    expect(outcome.clientReceived).toBe('');
  }, 20_000);

  it('refuses an agent certificate from another CA', async () => {
    const foreign = signAgentCsr({
      ca: otherCa,
      csrPem: createCsr({ ...agentKeys, commonName: 'x' }),
      agentId: 'agt_01HZX4',
      tenantId: 'ten_acme',
      validityDays: 30,
    });
    const outcome = await handshake(foreign.certPem, agentKeys.privateKeyPem, [
      otherCa.issuing.certPem,
    ]);
    expect(outcome.serverSawAgent).toBeNull();
    expect(outcome.serverError).not.toBeNull();
    expect(outcome.clientReceived).toBe('');
  }, 20_000);
});
