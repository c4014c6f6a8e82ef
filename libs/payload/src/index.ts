export * from './payload.errors.js';
export * from './payload.types.js';
export * from './payload.limits.js';
export { assertValidPayload } from './payload.validation.js';
export { buildPayloadXml, PAYLOAD_NAMESPACE } from './xml-builder.js';
export { parsePayloadXml, type ParsePayloadOptions } from './xml-parser.js';
export { toXmlSafeText } from './xml-text.js';
export {
  DEFAULT_MAX_COMPRESSED_BYTES,
  DEFAULT_MAX_UNCOMPRESSED_BYTES,
  MANIFEST_CONTENT_TYPE,
  MANIFEST_ENTRY,
  PAYLOAD_ENTRY,
  SIGNATURE_ENTRY,
  packUpload,
  unpackUpload,
  type ManifestSigner,
  type PackUploadOptions,
  type PackedUpload,
  type UnpackUploadOptions,
  type UnpackedUpload,
  type UploadManifest,
  type VerifyKey,
} from './upload-archive.js';
export { identityFrom, readingFrom, type ReadingSource } from './snapshot-mapping.js';
export {
  UNPACK_WORKER_SPECIFIER,
  type UnpackRefusal,
  type UnpackReply,
  type UnpackRequest,
} from './unpack-messages.js';
