export * from './payload.errors.js';
export * from './payload.types.js';
export * from './payload.limits.js';
export { assertValidPayload } from './payload.validation.js';
export { buildPayloadXml, PAYLOAD_NAMESPACE } from './xml-builder.js';
export { parsePayloadXml, type ParsePayloadOptions } from './xml-parser.js';
export { toXmlSafeText } from './xml-text.js';
