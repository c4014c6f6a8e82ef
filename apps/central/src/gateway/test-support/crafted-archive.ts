import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { CompactSign } from 'jose';
import {
  MANIFEST_CONTENT_TYPE,
  buildPayloadXml,
  type UploadManifest,
  type UploadPayload,
} from '@printbeat/payload';

const encode = (text: string) => new TextEncoder().encode(text);

/** An archive assembled by hand, for the attacks and mistakes the real packer never produces. */
export async function craftArchive(options: {
  payload: UploadPayload;
  signingKeyPem: string;
  xml?: string | Uint8Array;
  manifest?: Partial<UploadManifest>;
  entries?: (parts: { xml: Uint8Array; manifest: Uint8Array; jws: Uint8Array }) => Zippable;
}): Promise<Buffer> {
  const xml =
    typeof options.xml === 'string'
      ? encode(options.xml)
      : (options.xml ?? encode(buildPayloadXml(options.payload)));
  const manifestValue: UploadManifest = {
    version: 1,
    uploadId: options.payload.uploadId,
    agentId: options.payload.agentId,
    createdAt: options.payload.createdAt,
    sha256: createHash('sha256').update(xml).digest('hex'),
    size: xml.length,
    ...options.manifest,
  };
  const manifest = encode(JSON.stringify(manifestValue));
  const jws = encode(
    await new CompactSign(manifest)
      .setProtectedHeader({ alg: 'RS256', cty: MANIFEST_CONTENT_TYPE })
      .sign(createPrivateKey(options.signingKeyPem)),
  );
  const entries = options.entries?.({ xml, manifest, jws }) ?? {
    'payload.xml': xml,
    'manifest.json': manifest,
    'manifest.jws': jws,
  };
  return Buffer.from(zipSync(entries));
}

export function randomBody(bytes: number): Buffer {
  return randomBytes(bytes);
}
