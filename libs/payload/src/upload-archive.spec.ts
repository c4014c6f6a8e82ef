import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { CompactSign } from 'jose';
import { createCertificateAuthority, createCsr, signAgentCsr } from '@printbeat/pki';
import {
  buildPayloadXml,
  httpStatusFor,
  MANIFEST_CONTENT_TYPE,
  packUpload,
  PayloadError,
  unpackUpload,
  type UnpackUploadOptions,
  type UploadManifest,
} from './index.js';
import { samplePayload } from './test-support/sample-payload.js';

function rsaKeys() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

const agentKeys = rsaKeys();
const intruderKeys = rsaKeys();
let agentCertPem: string;

beforeAll(async () => {
  const ca = await createCertificateAuthority({
    commonName: 'Payload Test CA',
    validityDays: 30,
    modulusLength: 2048,
  });
  agentCertPem = signAgentCsr({
    ca,
    csrPem: createCsr({
      privateKeyPem: agentKeys.privateKey,
      publicKeyPem: agentKeys.publicKey,
      commonName: 'agent',
    }),
    agentId: 'agt_01HZX4',
    tenantId: 'ten_acme',
    validityDays: 30,
  }).certPem;
}, 60_000);

async function expectRefusal(promise: Promise<unknown>, code: string): Promise<PayloadError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${code} refusal, but the upload was accepted`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PayloadError);
  expect({ code: (error as PayloadError).code, message: (error as PayloadError).message }).toEqual({
    code,
    message: expect.any(String),
  });
  return error as PayloadError;
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Assembles an archive by hand (for the attacks the real packer would never produce). */
async function craftArchive(
  options: {
    xml?: string;
    manifest?: Partial<UploadManifest>;
    signingKey?: string;
    entries?: (parts: { xml: Uint8Array; manifest: Uint8Array; jws: Uint8Array }) => Zippable;
  } = {},
): Promise<Uint8Array> {
  const xml = encode(options.xml ?? buildPayloadXml(samplePayload()));
  const payload = samplePayload();
  const manifestValue: UploadManifest = {
    version: 1,
    uploadId: payload.uploadId,
    agentId: payload.agentId,
    createdAt: payload.createdAt,
    sha256: createHash('sha256').update(xml).digest('hex'),
    size: xml.length,
    ...options.manifest,
  };
  const manifest = encode(JSON.stringify(manifestValue));
  const jws = encode(
    await new CompactSign(manifest)
      .setProtectedHeader({ alg: 'RS256', cty: MANIFEST_CONTENT_TYPE })
      .sign(
        (await import('node:crypto')).createPrivateKey(options.signingKey ?? agentKeys.privateKey),
      ),
  );
  const entries = options.entries?.({ xml, manifest, jws }) ?? {
    'payload.xml': xml,
    'manifest.json': manifest,
    'manifest.jws': jws,
  };
  return zipSync(entries);
}

function unpackOptions(overrides: Partial<UnpackUploadOptions> = {}): UnpackUploadOptions {
  return { verifyKey: agentCertPem, ...overrides };
}

/** Rewrites every occurrence of a same-length ASCII string in the archive bytes (names live in two headers). */
function replaceBytes(zip: Uint8Array, from: string, to: string): Uint8Array {
  expect(to.length).toBe(from.length);
  const buffer = Buffer.from(zip);
  let at = buffer.indexOf(from, 0, 'latin1');
  let count = 0;
  while (at !== -1) {
    buffer.write(to, at, 'latin1');
    count += 1;
    at = buffer.indexOf(from, at + 1, 'latin1');
  }
  expect(count).toBeGreaterThan(0);
  return buffer;
}

describe('upload archive', () => {
  it('packs and unpacks a signed upload', async () => {
    const payload = samplePayload();
    const packed = await packUpload({ payload, signManifest: agentKeys.privateKey });
    const unpacked = await unpackUpload(
      packed.zip,
      unpackOptions({ expectedAgentId: 'agt_01HZX4' }),
    );
    expect(unpacked.payload).toStrictEqual(payload);
    expect(unpacked.xml).toBe(packed.xml);
    expect(unpacked.sha256).toBe(createHash('sha256').update(packed.xml).digest('hex'));
    expect(unpacked.manifest).toStrictEqual({
      version: 1,
      uploadId: payload.uploadId,
      agentId: 'agt_01HZX4',
      createdAt: payload.createdAt,
      sha256: unpacked.sha256,
      size: Buffer.byteLength(packed.xml),
    });
    expect(packed.manifest).toStrictEqual(unpacked.manifest);
    // Compression works on the repetitive XML.
    expect(packed.zip.length).toBeLessThan(Buffer.byteLength(packed.xml) / 2);
  });

  it('is byte-identical when packed again, so a retry resends the same archive', async () => {
    const first = await packUpload({
      payload: samplePayload(),
      signManifest: agentKeys.privateKey,
    });
    const second = await packUpload({
      payload: samplePayload(),
      signManifest: agentKeys.privateKey,
    });
    expect(Buffer.from(second.zip).equals(Buffer.from(first.zip))).toBe(true);
  });

  it('verifies with the certificate as PEM, DER, X509Certificate, or a public key', async () => {
    const { zip } = await packUpload({
      payload: samplePayload(),
      signManifest: agentKeys.privateKey,
    });
    const certificate = new X509Certificate(agentCertPem);
    const keys: UnpackUploadOptions['verifyKey'][] = [
      agentCertPem,
      certificate.raw,
      certificate,
      certificate.publicKey,
      agentKeys.publicKey,
    ];
    for (const verifyKey of keys) {
      await expect(unpackUpload(zip, { verifyKey })).resolves.toMatchObject({
        manifest: { agentId: 'agt_01HZX4' },
      });
    }
  });

  it('accepts a signer function and EC keys', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const packed = await packUpload({ payload: samplePayload(), signManifest: ec.privateKey });
    await expect(unpackUpload(packed.zip, { verifyKey: ec.publicKey })).resolves.toBeDefined();
    const viaFunction = await packUpload({
      payload: samplePayload(),
      signManifest: (bytes) =>
        new CompactSign(bytes)
          .setProtectedHeader({ alg: 'ES256', cty: MANIFEST_CONTENT_TYPE })
          .sign(ec.privateKey),
    });
    await expect(unpackUpload(viaFunction.zip, { verifyKey: ec.publicKey })).resolves.toBeDefined();
  });

  it('refuses random bytes, truncated archives and bodies over the compressed limit', async () => {
    const { zip } = await packUpload({
      payload: samplePayload(),
      signManifest: agentKeys.privateKey,
    });
    await expectRefusal(unpackUpload(randomBytes(4096), unpackOptions()), 'NOT_A_ZIP');
    await expectRefusal(unpackUpload(new Uint8Array(0), unpackOptions()), 'NOT_A_ZIP');
    await expectRefusal(
      unpackUpload(
        Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(100)]),
        unpackOptions(),
      ),
      'NOT_A_ZIP',
    );
    await expectRefusal(
      unpackUpload(zip.subarray(0, zip.length - 30), unpackOptions()),
      'NOT_A_ZIP',
    );
    await expectRefusal(
      unpackUpload(encode(buildPayloadXml(samplePayload())), unpackOptions()),
      'NOT_A_ZIP',
    );
    await expectRefusal(
      unpackUpload(zip, unpackOptions({ maxCompressedBytes: zip.length - 1 })),
      'TOO_LARGE',
    );
  });

  it('refuses an archive whose data was damaged (CRC / inflate)', async () => {
    const { zip } = await packUpload({
      payload: samplePayload(),
      signManifest: agentKeys.privateKey,
    });
    const damaged = Buffer.from(zip);
    damaged[200] = (damaged[200] ?? 0) ^ 0xff; // inside payload.xml's deflate data (first entry)
    await expectRefusal(unpackUpload(damaged, unpackOptions()), 'ZIP_CORRUPT');
  });

  describe('zip bombs', () => {
    const BOMB_SIZE = 16 * 1024 * 1024;
    let honestBomb: Uint8Array;

    beforeAll(() => {
      honestBomb = zipSync(
        {
          'payload.xml': new Uint8Array(BOMB_SIZE),
          'manifest.json': encode('{}'),
          'manifest.jws': encode('x'),
        },
        { level: 9 },
      );
      expect(BOMB_SIZE / honestBomb.length).toBeGreaterThan(900);
    }, 30_000);

    it('refuses a zip bomb by its declared size', async () => {
      await expectRefusal(
        unpackUpload(honestBomb, unpackOptions({ maxUncompressedBytes: 8 * 1024 * 1024 })),
        'TOO_LARGE',
      );
    });

    it('refuses a zip bomb whose headers lie about its size, stopping inflation at the cap', async () => {
      const zeros = { length: BOMB_SIZE };
      const bomb = Buffer.from(honestBomb);
      // Rewrite payload.xml's uncompressed size to 1 KiB in both the local header and the central directory.
      const localSize = 22;
      expect(bomb.readUInt32LE(localSize)).toBe(zeros.length);
      bomb.writeUInt32LE(1024, localSize);
      const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      expect(bomb.readUInt32LE(central + 24)).toBe(zeros.length);
      bomb.writeUInt32LE(1024, central + 24);
      const before = process.memoryUsage().arrayBuffers;
      const error = await expectRefusal(
        unpackUpload(bomb, unpackOptions({ maxUncompressedBytes: 4 * 1024 * 1024 })),
        'TOO_LARGE',
      );
      expect(error.message).toContain('inflates past');
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    });
  });

  it('refuses unexpected, missing, duplicate and path-traversal entries', async () => {
    await expectRefusal(
      unpackUpload(
        await craftArchive({
          entries: (p) => ({
            'payload.xml': p.xml,
            'manifest.json': p.manifest,
            'manifest.jws': p.jws,
            'notes.txt': encode('hi'),
          }),
        }),
        unpackOptions(),
      ),
      'UNEXPECTED_ENTRY',
    );
    await expectRefusal(
      unpackUpload(
        await craftArchive({
          entries: (p) => ({ 'payload.xml': p.xml, 'manifest.json': p.manifest }),
        }),
        unpackOptions(),
      ),
      'MISSING_ENTRY',
    );
    await expectRefusal(
      unpackUpload(
        await craftArchive({
          entries: (p) => ({ 'manifest.json': p.manifest, 'manifest.jws': p.jws }),
        }),
        unpackOptions(),
      ),
      'MISSING_ENTRY',
    );
    await expectRefusal(
      unpackUpload(
        await craftArchive({
          entries: (p) => ({
            data: { 'payload.xml': p.xml },
            'manifest.json': p.manifest,
            'manifest.jws': p.jws,
          }),
        }),
        unpackOptions(),
      ),
      'UNEXPECTED_ENTRY',
    );

    const twoPayloads = await craftArchive({
      entries: (p) => ({
        'payload.xml': p.xml,
        'payload.xmX': encode('<upload version="1"/>'),
        'manifest.json': p.manifest,
        'manifest.jws': p.jws,
      }),
    });
    await expectRefusal(
      unpackUpload(replaceBytes(twoPayloads, 'payload.xmX', 'payload.xml'), unpackOptions()),
      'DUPLICATE_ENTRY',
    );

    const traversal = await craftArchive({
      entries: (p) => ({
        'payload.xml': p.xml,
        'manifest.json': p.manifest,
        'manifest.jws': p.jws,
        'XX/XX/etc/cron.d/x': encode('* * * * * root sh'),
      }),
    });
    await expectRefusal(
      unpackUpload(replaceBytes(traversal, 'XX/XX/etc', '../../etc'), unpackOptions()),
      'UNSAFE_ENTRY_NAME',
    );
    await expectRefusal(
      unpackUpload(replaceBytes(traversal, 'XX/XX/etc', '/tmp/x/etc'.slice(0, 9)), unpackOptions()),
      'UNSAFE_ENTRY_NAME',
    );
  });

  it('refuses XML tampered with after signing', async () => {
    const original = buildPayloadXml(samplePayload());
    const tampered = original.replace(
      '<counter name="total">48260</counter>',
      '<counter name="total">18260</counter>',
    );
    expect(tampered).not.toBe(original);
    const zip = await craftArchive({
      entries: (p) => ({
        'payload.xml': encode(tampered),
        'manifest.json': p.manifest,
        'manifest.jws': p.jws,
      }),
    });
    await expectRefusal(unpackUpload(zip, unpackOptions()), 'DIGEST_MISMATCH');
  });

  it('refuses a manifest signed by another key, or edited after signing', async () => {
    const { zip } = await packUpload({
      payload: samplePayload(),
      signManifest: intruderKeys.privateKey,
    });
    await expectRefusal(unpackUpload(zip, unpackOptions()), 'BAD_SIGNATURE');

    const edited = await craftArchive({
      entries: (p) => {
        const manifest = JSON.parse(Buffer.from(p.manifest).toString()) as UploadManifest;
        manifest.size += 0;
        manifest.createdAt = '2026-03-02T00:00:00.000Z';
        return {
          'payload.xml': p.xml,
          'manifest.json': encode(JSON.stringify(manifest)),
          'manifest.jws': p.jws,
        };
      },
    });
    await expectRefusal(unpackUpload(edited, unpackOptions()), 'BAD_SIGNATURE');

    const otherPurpose = await craftArchive({
      entries: (p) => ({
        'payload.xml': p.xml,
        'manifest.json': p.manifest,
        'manifest.jws': encode('eyJhbGciOiJub25lIn0.e30.'),
      }),
    });
    await expectRefusal(unpackUpload(otherPurpose, unpackOptions()), 'BAD_SIGNATURE');
  });

  it('refuses manifests that are malformed or disagree with the payload', async () => {
    await expectRefusal(
      unpackUpload(
        await craftArchive({ manifest: { uploadId: '00000000-0000-4000-8000-000000000000' } }),
        unpackOptions(),
      ),
      'MANIFEST_MISMATCH',
    );
    await expectRefusal(
      unpackUpload(await craftArchive({ manifest: { sha256: 'abc' } }), unpackOptions()),
      'MANIFEST_INVALID',
    );
    await expectRefusal(
      unpackUpload(await craftArchive({ manifest: { version: 3 as 1 } }), unpackOptions()),
      'UNSUPPORTED_VERSION',
    );
    await expectRefusal(
      unpackUpload(await craftArchive({ manifest: { version: 2 } }), unpackOptions()),
      'MANIFEST_MISMATCH',
    );
    await expectRefusal(
      unpackUpload(await craftArchive(), unpackOptions({ expectedAgentId: 'agt_other' })),
      'AGENT_MISMATCH',
    );
  });

  it('refuses hostile XML inside a correctly signed archive', async () => {
    const xxe = buildPayloadXml(samplePayload()).replace(
      '<upload ',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<upload ',
    );
    await expectRefusal(
      unpackUpload(await craftArchive({ xml: xxe }), unpackOptions()),
      'XML_DOCTYPE_FORBIDDEN',
    );
    const broken = buildPayloadXml(samplePayload()).replace('</upload>', '');
    await expectRefusal(
      unpackUpload(await craftArchive({ xml: broken }), unpackOptions()),
      'XML_MALFORMED',
    );
    const negative = buildPayloadXml(samplePayload()).replace(
      '<counter name="total">48260</counter>',
      '<counter name="total">-1</counter>',
    );
    const error = await expectRefusal(
      unpackUpload(await craftArchive({ xml: negative }), unpackOptions()),
      'SCHEMA_VIOLATION',
    );
    expect(error.path).toBe('devices[0].readings[1].counters.total');
  });

  it('maps every refusal to an HTTP status', () => {
    expect(httpStatusFor('NOT_A_ZIP')).toBe(400);
    expect(httpStatusFor('XML_DOCTYPE_FORBIDDEN')).toBe(400);
    expect(httpStatusFor('DUPLICATE_ENTRY')).toBe(400);
    expect(httpStatusFor('TOO_LARGE')).toBe(413);
    expect(httpStatusFor('BAD_SIGNATURE')).toBe(422);
    expect(httpStatusFor('DIGEST_MISMATCH')).toBe(422);
    expect(httpStatusFor('SCHEMA_VIOLATION')).toBe(422);
    expect(httpStatusFor('UNSUPPORTED_VERSION')).toBe(422);
  });

  it('refuses to sign with something that is not a private key', async () => {
    await expectRefusal(
      packUpload({ payload: samplePayload(), signManifest: 'nope' }),
      'INVALID_ARGUMENT',
    );
    const publicKey: KeyObject = createPublicKey(agentKeys.publicKey);
    await expectRefusal(
      packUpload({ payload: samplePayload(), signManifest: publicKey }),
      'INVALID_ARGUMENT',
    );
  });
});
