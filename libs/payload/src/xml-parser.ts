import { CANONICAL_COUNTERS, isCanonicalCounter, PRINTER_ERRORS } from '@printbeat/domain';
import { SaxesParser } from 'saxes';
import { excerpt, PayloadError, type PayloadErrorCode } from './payload.errors.js';
import { resolveLimits, type PayloadLimits } from './payload.limits.js';
import {
  PAYLOAD_VERSION,
  PAYLOAD_VERSIONS,
  type PayloadVersion,
  type AlertReading,
  type CommandResult,
  type DeviceIdentity,
  type DevicePayload,
  type DiscoveryResult,
  type Reading,
  type ReadingCounters,
  type StatusReading,
  type SupplyReading,
  type UnreachablePrinter,
  type UploadKind,
  type UploadPayload,
} from './payload.types.js';
import { assertValidPayload } from './payload.validation.js';
import { DISCOVERY_FIELDS, IDENTITY_FIELDS, PAYLOAD_NAMESPACE } from './xml-builder.js';
import { containsForbiddenXmlCharacter } from './xml-text.js';

export type ParsePayloadOptions = { limits?: Partial<PayloadLimits> };

/**
 * Parses and validates an upload document. Defences, in order: strict UTF-8; any DTD or entity
 * declaration refused before a parser sees the text (no XXE, no entity expansion); characters
 * XML forbids; well-formedness and references in one saxes pass (only the five predefined
 * entities and character references exist) that also enforces the hard limits (elements,
 * depth, attributes, names, text, time) and refuses any element version 1 does not have where
 * it opens; then the exact shape of version 1 and the validation rules shared with the builder.
 */
export function parsePayloadXml(
  xml: string | Uint8Array,
  options: ParsePayloadOptions = {},
): UploadPayload {
  const limits = resolveLimits(options.limits);
  const deadline = new Deadline(limits.maxParseMilliseconds);
  const text = typeof xml === 'string' ? xml : decodeUtf8(xml);
  const reader = new PayloadReader(limits);
  const root = readDocument(
    text.startsWith('\uFEFF') ? text.slice(1) : text,
    reader,
    limits,
    deadline,
  );
  const payload = reader.upload(root);
  deadline.check();
  assertValidPayload(payload, limits);
  return payload;
}

type XmlElement = {
  name: string;
  /** As saxes hands them over (a fresh object per element). */
  attributes: Record<string, string>;
  /** `NO_CHILDREN` (shared, never written) until the first child: most elements are leaves. */
  children: XmlElement[];
  /** Decoded character data directly inside the element. */
  text: string;
  /** A `<device>` already read while the document streams by (its subtree is dropped). */
  device?: DevicePayload;
  /** Position among its parent's children (list items' paths are `list[index]`). */
  index: number;
};

/**
 * What the reader does while the document streams by: the root is checked when it opens, and
 * each `<device>` is read (and its subtree dropped) when it closes — a 1,000-device upload never
 * holds its whole element tree, only the payload being built (a fifth less parse time, mostly
 * garbage collection of a tree that would have outlived the young generation).
 */
type StreamingReader = {
  root(element: XmlElement): void;
  device(element: XmlElement, index: number): DevicePayload;
};

const NO_CHILDREN: XmlElement[] = [];
const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
/** Characters handed to saxes at a time: the limits on time and on unfinished tokens are checked between chunks. */
const CHUNK_LENGTH = 64 * 1024;

/**
 * The children each element of version 1 may hold (leaves hold none). Anything else is
 * refused as it opens, never built: a flood of unknown elements costs one element.
 */
const ALLOWED_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    upload: [
      'uploadId',
      'agentId',
      'agentVersion',
      'createdAt',
      'devices',
      'discovery',
      'commandResults',
      'unreachable',
    ],
    devices: ['device'],
    device: ['identity', 'readings'],
    identity: IDENTITY_FIELDS,
    readings: ['reading'],
    reading: ['counters', 'supplies', 'status', 'alerts', 'console'],
    counters: ['counter', 'extra'],
    supplies: ['supply'],
    supply: [
      'description',
      'color',
      'level',
      'maxCapacity',
      'percent',
      'partNumber',
      'serialNumber',
    ],
    status: ['error'],
    alerts: ['alert'],
    discovery: ['host'],
    host: DISCOVERY_FIELDS,
    commandResults: ['commandResult'],
    commandResult: ['message'],
    unreachable: ['printer'],
  }).map(([name, children]) => [name, new Set<string>(children)]),
);
/** Containers whose items are paths like `devices[3]`, and how many items each may hold. */
const LIST_LIMITS: ReadonlyMap<string, (limits: PayloadLimits) => number> = new Map([
  ['devices', (limits) => limits.maxDevices],
  ['readings', (limits) => limits.maxReadingsPerDevice],
  ['supplies', (limits) => limits.maxSuppliesPerReading],
  ['alerts', (limits) => limits.maxAlertsPerReading],
  ['discovery', (limits) => limits.maxDiscoveryResults],
  ['commandResults', (limits) => limits.maxCommandResults],
  ['unreachable', (limits) => limits.maxDevices],
]);

/** Children that repeat outside lists (counters, status errors), with their own bounds. */
const REPEATED_CHILDREN: ReadonlySet<string> = new Set(['counter', 'extra', 'error']);

/** How many children a list or repeating container may hold at most. */
function childLimit(name: string, limits: PayloadLimits): number {
  const list = LIST_LIMITS.get(name);
  if (list) return list(limits);
  if (name === 'counters') return CANONICAL_COUNTERS.length + limits.maxExtraCounters;
  return PRINTER_ERRORS.length;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new PayloadError('XML_MALFORMED', 'The document is not valid UTF-8', null, {
      cause: error,
    });
  }
}

function limitError(code: PayloadErrorCode, what: string, limit: number, key: keyof PayloadLimits) {
  return new PayloadError(code, `${what} exceeds ${limit} (limit ${key})`);
}

/** saxes' own state for a token not finished yet (a name or text it is still collecting). */
type SaxesPending = { text?: unknown; name?: unknown; q?: unknown };

/**
 * One pass of a conforming, non-validating XML parser (saxes) straight into the element tree.
 * saxes checks well-formedness (nesting, attributes, characters, one root, no text outside
 * it) and resolves only the five predefined entities and character references; any other
 * reference is an error, and a document type declaration never reaches it. The hard limits
 * (elements, depth, attributes, names, text, time) are checked as the document streams in
 * chunks, so the first one reached stops it.
 */
function readDocument(
  text: string,
  streaming: StreamingReader,
  limits: PayloadLimits,
  deadline: Deadline,
): XmlElement {
  if (DECLARATION.test(text)) {
    throw new PayloadError(
      'XML_DOCTYPE_FORBIDDEN',
      'Document type and entity declarations are not allowed',
    );
  }
  if (containsForbiddenXmlCharacter(text)) {
    throw new PayloadError('XML_MALFORMED', 'The document contains characters XML does not allow');
  }
  const stack: XmlElement[] = [];
  const path = () => stack.map((element) => excerpt(element.name)).join('/');
  /** The reader's path of the open element, e.g. `devices[3].identity`, built only to refuse. */
  const fieldPath = () => {
    let built = '';
    for (let depth = 1; depth < stack.length; depth++) {
      const element = stack[depth]!;
      if (LIST_LIMITS.has(stack[depth - 1]!.name)) built = `${built}[${element.index}]`;
      else built = built === '' ? element.name : `${built}.${element.name}`;
    }
    return built;
  };
  let root: XmlElement | null = null;
  let elements = 0;
  let attributes = 0;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const checkName = (name: string) => {
    if (name.length > limits.maxXmlNameLength) throw nameTooLong(name, limits);
  };
  parser.on('opentagstart', (tag) => {
    checkName(tag.name);
    if (++elements > limits.maxXmlElements)
      throw limitError(
        'XML_TOO_MANY_ELEMENTS',
        'XML element count',
        limits.maxXmlElements,
        'maxXmlElements',
      );
    if (stack.length >= limits.maxXmlDepth)
      throw limitError('XML_TOO_DEEP', 'XML element depth', limits.maxXmlDepth, 'maxXmlDepth');
    attributes = 0;
  });
  parser.on('attribute', (attribute) => {
    checkName(attribute.name);
    if (++attributes > limits.maxXmlAttributesPerElement)
      throw limitError(
        'XML_TOO_MANY_ATTRIBUTES',
        'XML attributes on one element',
        limits.maxXmlAttributesPerElement,
        'maxXmlAttributesPerElement',
      );
    if (attribute.value.length > limits.maxXmlAttributeValueLength) throw attributeTooLong(limits);
  });
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes,
      children: NO_CHILDREN,
      text: '',
      index: parent?.children.length ?? 0,
    };
    if (!parent) {
      root = element;
      streaming.root(element);
    } else {
      const allowed = ALLOWED_CHILDREN.get(parent.name);
      if (!allowed?.has(tag.name))
        violation(fieldPath(), `unexpected element <${excerpt(tag.name)}> in <${parent.name}>`);
      const listLimit = LIST_LIMITS.get(parent.name)?.(limits);
      if (listLimit !== undefined && element.index >= listLimit)
        throw new PayloadError(
          'LIMIT_EXCEEDED',
          `at most ${listLimit} entries, got more`,
          fieldPath(),
        );
      if (listLimit === undefined && !REPEATED_CHILDREN.has(tag.name)) {
        // Fields appear once each, so no record grows past the format while it streams.
        if (parent.children.some((child) => child.name === tag.name)) {
          const at = fieldPath();
          violation(at === '' ? tag.name : `${at}.${tag.name}`, `<${tag.name}> appears twice`);
        }
      } else if (element.index >= childLimit(parent.name, limits))
        violation(fieldPath(), `<${parent.name}> holds more elements than the format allows`);
      if (parent.children === NO_CHILDREN) parent.children = [element];
      else parent.children.push(element);
    }
    stack.push(element);
  });
  let devices = 0;
  parser.on('closetag', () => {
    const element = stack.pop();
    // upload/devices/device: read it now, keep only the result.
    if (element?.name === 'device' && stack.length === 2 && stack[1]!.name === 'devices') {
      deadline.check();
      element.device = streaming.device(element, devices++);
      element.children = NO_CHILDREN;
    }
  });
  const addText = (chunk: string) => {
    if (chunk.length > limits.maxXmlTextLength) throw textTooLong(limits);
    const current = stack.at(-1);
    if (!current) return;
    // Containers only need to know whether they hold more than layout whitespace.
    if (ALLOWED_CHILDREN.has(current.name) && chunk.trim() === '') return;
    if (current.text.length + chunk.length > limits.maxXmlTextLength) throw textTooLong(limits);
    current.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('processinginstruction', () => {
    throw new PayloadError('SCHEMA_VIOLATION', 'Processing instructions are not allowed', path());
  });
  parser.on('doctype', () => {
    throw new PayloadError('XML_DOCTYPE_FORBIDDEN', 'Document type declarations are not allowed');
  });
  parser.on('error', (error) => {
    throw new PayloadError('XML_MALFORMED', saxesMessage(error.message), path() || null, {
      cause: error,
    });
  });
  const pending = parser as unknown as SaxesPending;
  for (let offset = 0; offset < text.length; offset += CHUNK_LENGTH) {
    parser.write(text.slice(offset, offset + CHUNK_LENGTH));
    deadline.check();
    checkPending(pending, limits);
  }
  parser.close();
  if (root === null) throw new PayloadError('XML_MALFORMED', 'The document has no root element');
  return root;
}

/**
 * A name or text run longer than its limit is refused while saxes is still collecting it, not
 * after a flood of one token has been buffered whole. Reads saxes' private state: when a
 * future saxes names it differently the checks at the token's end still hold.
 */
function checkPending(pending: SaxesPending, limits: PayloadLimits): void {
  const text = pending.text;
  if (typeof text === 'string') {
    // saxes collects attribute values in the same buffer; a quote character marks one open.
    if (typeof pending.q === 'number') {
      if (text.length > limits.maxXmlAttributeValueLength) throw attributeTooLong(limits);
    } else if (text.length > limits.maxXmlTextLength) throw textTooLong(limits);
  }
  const name = pending.name;
  if (typeof name === 'string' && name.length > limits.maxXmlNameLength)
    throw nameTooLong(name, limits);
}

function nameTooLong(name: string, limits: PayloadLimits): PayloadError {
  return new PayloadError(
    'XML_NAME_TOO_LONG',
    `XML name longer than ${limits.maxXmlNameLength} characters (limit maxXmlNameLength): "${excerpt(name)}"`,
  );
}

function attributeTooLong(limits: PayloadLimits): PayloadError {
  return limitError(
    'XML_ATTRIBUTE_TOO_LONG',
    'XML attribute value length',
    limits.maxXmlAttributeValueLength,
    'maxXmlAttributeValueLength',
  );
}

function textTooLong(limits: PayloadLimits): PayloadError {
  return limitError(
    'XML_TEXT_TOO_LONG',
    'XML text length',
    limits.maxXmlTextLength,
    'maxXmlTextLength',
  );
}

/** saxes' message is `line:column: text`, where the text may quote names from the document. */
function saxesMessage(message: string): string {
  const position = /^\d+:\d+: /.exec(message)?.[0] ?? '';
  return `${position}${excerpt(message.slice(position.length))}`;
}

/** The time budget of one parse, checked between chunks and between devices. */
class Deadline {
  private readonly end: number;

  constructor(private readonly milliseconds: number) {
    this.end = performance.now() + milliseconds;
  }

  check(): void {
    if (performance.now() > this.end)
      throw limitError(
        'XML_PARSE_TIMEOUT',
        'XML parse time in milliseconds',
        this.milliseconds,
        'maxParseMilliseconds',
      );
  }
}

/**
 * Where a field sits in the payload, for error messages only: a string, or a function that
 * builds it, so the happy path (every field of every device) allocates no path strings.
 */
type FieldPath = string | (() => string);

function pathText(path: FieldPath): string {
  return typeof path === 'string' ? path : path();
}

/** Reads one element's attributes and children, refusing anything it was not asked for. */
class ElementReader {
  // A handful of names per element: arrays are cheaper than sets here (ingest reads ~50,000
  // elements per 1,000-device upload).
  private readonly usedAttributes: string[] = [];
  private readonly usedChildren: string[] = [];

  constructor(
    readonly element: XmlElement,
    readonly path: string,
  ) {
    if (element.children.length > 0 && element.text.trim() !== '') {
      violation(path, `<${element.name}> mixes text and elements`);
    }
  }

  attribute(name: string): string | null {
    this.usedAttributes.push(name);
    return Object.hasOwn(this.element.attributes, name)
      ? (this.element.attributes[name] ?? null)
      : null;
  }

  requiredAttribute(name: string, fieldPath?: FieldPath): string {
    const value = this.attribute(name);
    if (value === null)
      violation(
        fieldPath ?? `${this.path}.${name}`,
        `missing attribute ${name} on <${this.element.name}>`,
      );
    return value;
  }

  children(name: string): XmlElement[] {
    this.usedChildren.push(name);
    return this.element.children.filter((child) => child.name === name);
  }

  optionalChild(name: string, fieldPath?: FieldPath): XmlElement | null {
    this.usedChildren.push(name);
    let found: XmlElement | null = null;
    for (const child of this.element.children) {
      if (child.name !== name) continue;
      if (found !== null) {
        const count = this.element.children.filter((each) => each.name === name).length;
        violation(fieldPath ?? `${this.path}.${name}`, `<${name}> appears ${count} times`);
      }
      found = child;
    }
    return found;
  }

  requiredChild(name: string, fieldPath?: FieldPath): XmlElement {
    const child = this.optionalChild(name, fieldPath);
    if (child === null)
      violation(fieldPath ?? `${this.path}.${name}`, `missing <${name}> in <${this.element.name}>`);
    return child;
  }

  optionalText(name: string, fieldPath?: FieldPath): string | null {
    const child = this.optionalChild(name, fieldPath);
    return child === null ? null : leafText(child, fieldPath ?? (() => `${this.path}.${name}`));
  }

  requiredText(name: string, fieldPath?: FieldPath): string {
    return leafText(
      this.requiredChild(name, fieldPath),
      fieldPath ?? (() => `${this.path}.${name}`),
    );
  }

  finish(): void {
    for (const attribute in this.element.attributes) {
      if (!this.usedAttributes.includes(attribute))
        violation(this.path, `unexpected attribute ${attribute} on <${this.element.name}>`);
    }
    for (const child of this.element.children) {
      if (!this.usedChildren.includes(child.name))
        violation(this.path, `unexpected element <${child.name}> in <${this.element.name}>`);
    }
  }
}

class PayloadReader {
  private version: PayloadVersion = PAYLOAD_VERSION;

  constructor(private readonly limits: PayloadLimits) {}

  /** The root's name, namespace and version, checked as soon as it opens. */
  root(root: XmlElement): void {
    if (root.name !== 'upload') violation('', `root element must be <upload>, not <${root.name}>`);
    const attribute = (name: string) =>
      Object.hasOwn(root.attributes, name) ? (root.attributes[name] ?? null) : null;
    const namespace = attribute('xmlns');
    if (namespace !== null && namespace !== PAYLOAD_NAMESPACE)
      violation('xmlns', `namespace must be ${PAYLOAD_NAMESPACE}`);
    const version = attribute('version');
    if (version === null)
      throw new PayloadError(
        'UNSUPPORTED_VERSION',
        'The upload has no version attribute',
        'version',
      );
    const known = PAYLOAD_VERSIONS.find((candidate) => String(candidate) === version);
    if (known === undefined) {
      throw new PayloadError(
        'UNSUPPORTED_VERSION',
        `Payload version ${excerpt(version)} is not supported (this reader knows ${PAYLOAD_VERSIONS.join(', ')})`,
        'version',
      );
    }
    this.version = known;
  }

  /** One `<device>` of `<devices>`, read while the document streams (see StreamingReader). */
  device(element: XmlElement, index: number): DevicePayload {
    if (index >= this.limits.maxDevices)
      throw new PayloadError(
        'LIMIT_EXCEEDED',
        `at most ${this.limits.maxDevices} entries, got more`,
        'devices',
      );
    return this.readDevice(element, `devices[${index}]`);
  }

  upload(root: XmlElement): UploadPayload {
    const reader = new ElementReader(root, '');
    reader.attribute('xmlns');
    reader.attribute('version');
    const kind = reader.attribute('kind');
    const payload: UploadPayload = {
      version: this.version,
      ...(kind === null ? {} : { kind: kind as UploadKind }),
      uploadId: reader.requiredText('uploadId', 'uploadId'),
      agentId: reader.requiredText('agentId', 'agentId'),
      agentVersion: reader.requiredText('agentVersion', 'agentVersion'),
      createdAt: reader.requiredText('createdAt', 'createdAt'),
      devices: this.list(
        reader.requiredChild('devices', 'devices'),
        'devices',
        'device',
        this.limits.maxDevices,
      ).map((element, index) => element.device ?? this.readDevice(element, `devices[${index}]`)),
    };
    const discovery = reader.optionalChild('discovery', 'discovery');
    if (discovery !== null) {
      payload.discovery = this.list(
        discovery,
        'discovery',
        'host',
        this.limits.maxDiscoveryResults,
      ).map((element, index) => this.discoveryResult(element, `discovery[${index}]`));
    }
    const commandResults = reader.optionalChild('commandResults', 'commandResults');
    if (commandResults !== null) {
      payload.commandResults = this.list(
        commandResults,
        'commandResults',
        'commandResult',
        this.limits.maxCommandResults,
      ).map((element, index) => this.commandResult(element, `commandResults[${index}]`));
    }
    const unreachable = reader.optionalChild('unreachable', 'unreachable');
    if (unreachable !== null) {
      payload.unreachable = this.list(
        unreachable,
        'unreachable',
        'printer',
        this.limits.maxDevices,
      ).map((element, index) => this.unreachablePrinter(element, `unreachable[${index}]`));
    }
    reader.finish();
    return payload;
  }

  /** A container whose only children are `itemName` elements, at most `max` of them. */
  private list(container: XmlElement, path: string, itemName: string, max: number): XmlElement[] {
    const reader = new ElementReader(container, path);
    if (hasAttributes(container)) reader.finish();
    const items = reader.children(itemName);
    reader.finish();
    if (items.length > max)
      throw new PayloadError('LIMIT_EXCEEDED', `at most ${max} entries, got ${items.length}`, path);
    return items;
  }

  private readDevice(element: XmlElement, path: string): DevicePayload {
    const reader = new ElementReader(element, path);
    const device: DevicePayload = {
      address: reader.requiredAttribute('address'),
      identity: this.identity(reader.requiredChild('identity'), `${path}.identity`),
      readings: this.list(
        reader.requiredChild('readings'),
        `${path}.readings`,
        'reading',
        this.limits.maxReadingsPerDevice,
      ).map((reading, index) => this.reading(reading, `${path}.readings[${index}]`)),
    };
    reader.finish();
    return device;
  }

  private identity(element: XmlElement, path: string): DeviceIdentity {
    const reader = new ElementReader(element, path);
    const text = (field: (typeof IDENTITY_FIELDS)[number]) => reader.optionalText(field);
    const uptime = text('uptimeSeconds');
    const identity: DeviceIdentity = {
      manufacturer: text('manufacturer'),
      model: text('model'),
      serial: text('serial'),
      mac: text('mac'),
      ip: text('ip'),
      hostname: text('hostname'),
      firmware: text('firmware'),
      location: text('location'),
      contact: text('contact'),
      assetTag: text('assetTag'),
      sysObjectId: text('sysObjectId'),
      sysDescr: text('sysDescr'),
      uptimeSeconds: uptime === null ? null : integerText(uptime, () => `${path}.uptimeSeconds`, 0),
    };
    reader.finish();
    return identity;
  }

  private reading(element: XmlElement, path: string): Reading {
    const reader = new ElementReader(element, path);
    const reading: Reading = {
      takenAt: reader.requiredAttribute('takenAt'),
      counters: this.counters(reader.requiredChild('counters'), `${path}.counters`),
      supplies: this.list(
        reader.requiredChild('supplies'),
        `${path}.supplies`,
        'supply',
        this.limits.maxSuppliesPerReading,
      ).map((supply, index) => supplyReading(supply, `${path}.supplies[${index}]`, this.version)),
      status: statusReading(reader.requiredChild('status'), `${path}.status`),
      alerts: this.list(
        reader.requiredChild('alerts'),
        `${path}.alerts`,
        'alert',
        this.limits.maxAlertsPerReading,
      ).map((alert, index) => alertReading(alert, `${path}.alerts[${index}]`, this.version)),
      console: reader.optionalText('console'),
    };
    reader.finish();
    return reading;
  }

  private counters(element: XmlElement, path: string): ReadingCounters {
    const reader = new ElementReader(element, path);
    const counters: ReadingCounters = { extra: {} };
    for (const counter of reader.children('counter')) {
      const counterReader = new ElementReader(counter, path);
      const name = counterReader.requiredAttribute('name', () => `${path}.counter`);
      counterReader.finish();
      const fieldPath = () => `${path}.${excerpt(name)}`;
      if (!isCanonicalCounter(name))
        violation(fieldPath, 'is not a canonical counter (vendor counters are <extra>)');
      if (counters[name] !== undefined) violation(fieldPath, 'counter appears twice');
      counters[name] = integerText(leafText(counter, fieldPath), fieldPath, 0);
    }
    const extra = reader.children('extra');
    if (extra.length > this.limits.maxExtraCounters) {
      throw new PayloadError(
        'LIMIT_EXCEEDED',
        `at most ${this.limits.maxExtraCounters} vendor counters`,
        `${path}.extra`,
      );
    }
    for (const counter of extra) {
      const counterReader = new ElementReader(counter, path);
      const name = counterReader.requiredAttribute('name', () => `${path}.extra`);
      counterReader.finish();
      const fieldPath = () => `${path}.extra.${excerpt(name)}`;
      if (Object.hasOwn(counters.extra, name)) violation(fieldPath, 'counter appears twice');
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name))
        violation(fieldPath, 'invalid vendor counter name');
      counters.extra[name] = integerText(leafText(counter, fieldPath), fieldPath, 0);
    }
    reader.finish();
    return counters;
  }

  private discoveryResult(element: XmlElement, path: string): DiscoveryResult {
    const reader = new ElementReader(element, path);
    const printer = reader.requiredAttribute('printer', `${path}.isPrinter`);
    if (printer !== 'true' && printer !== 'false')
      violation(`${path}.isPrinter`, 'must be true or false');
    const fields = Object.fromEntries(
      DISCOVERY_FIELDS.map((field) => [field, reader.optionalText(field)]),
    ) as Record<(typeof DISCOVERY_FIELDS)[number], string | null>;
    const result: DiscoveryResult = {
      address: reader.requiredAttribute('address'),
      discoveredAt: reader.requiredAttribute('discoveredAt'),
      isPrinter: printer === 'true',
      ...fields,
    };
    reader.finish();
    return result;
  }

  private unreachablePrinter(element: XmlElement, path: string): UnreachablePrinter {
    const reader = new ElementReader(element, path);
    const printer: UnreachablePrinter = {
      address: reader.requiredAttribute('address'),
      since: reader.requiredAttribute('since'),
    };
    reader.finish();
    return printer;
  }

  private commandResult(element: XmlElement, path: string): CommandResult {
    const reader = new ElementReader(element, path);
    const result: CommandResult = {
      commandId: reader.requiredAttribute('commandId'),
      status: reader.requiredAttribute('status') as CommandResult['status'],
      finishedAt: reader.requiredAttribute('finishedAt'),
      message: reader.optionalText('message'),
    };
    reader.finish();
    return result;
  }
}

function supplyReading(element: XmlElement, path: string, version: PayloadVersion): SupplyReading {
  const reader = new ElementReader(element, path);
  const level = reader.optionalText('level');
  const maxCapacity = reader.optionalText('maxCapacity');
  const percent = reader.optionalText('percent');
  const supply: SupplyReading = {
    index: reader.requiredAttribute('index'),
    description: reader.requiredText('description'),
    type: reader.requiredAttribute('type') as SupplyReading['type'],
    color: reader.optionalText('color'),
    level: level === null ? null : integerText(level, () => `${path}.level`, 0),
    maxCapacity:
      maxCapacity === null ? null : integerText(maxCapacity, () => `${path}.maxCapacity`, 0),
    percent: percent === null ? null : decimalText(percent, () => `${path}.percent`),
    state: reader.requiredAttribute('state') as SupplyReading['state'],
    partNumber: reader.optionalText('partNumber'),
  };
  if (version >= 2) {
    const serialNumber = reader.optionalText('serialNumber');
    if (serialNumber !== null) supply.serialNumber = serialNumber;
  }
  reader.finish();
  return supply;
}

function statusReading(element: XmlElement, path: string): StatusReading {
  const reader = new ElementReader(element, path);
  const status: StatusReading = {
    printer: reader.attribute('printer') as StatusReading['printer'],
    device: reader.attribute('device') as StatusReading['device'],
    errors: reader
      .children('error')
      .map(
        (error, index) =>
          leafText(error, `${path}.errors[${index}]`) as StatusReading['errors'][number],
      ),
  };
  reader.finish();
  return status;
}

function alertReading(element: XmlElement, path: string, version: PayloadVersion): AlertReading {
  const reader = new ElementReader(element, path);
  const alert: AlertReading = {
    index: reader.requiredAttribute('index'),
    severity: reader.requiredAttribute('severity') as AlertReading['severity'],
    group: reader.requiredAttribute('group'),
    code: reader.requiredAttribute('code'),
    description: leafText(element, `${path}.description`),
  };
  if (version >= 2) {
    const trainingLevel = reader.attribute('trainingLevel');
    if (trainingLevel !== null)
      alert.trainingLevel = trainingLevel as NonNullable<AlertReading['trainingLevel']>;
  }
  reader.finish();
  return alert;
}

function hasAttributes(element: XmlElement): boolean {
  for (const _ in element.attributes) return true;
  return false;
}

/** The elements whose text is a value and that carry attributes too. */
const ATTRIBUTED_LEAVES = new Set(['counter', 'extra', 'alert']);

function leafText(element: XmlElement, path: FieldPath): string {
  if (element.children.length > 0) violation(path, `<${element.name}> must hold text only`);
  if (hasAttributes(element) && !ATTRIBUTED_LEAVES.has(element.name)) {
    violation(path, `unexpected attribute on <${element.name}>`);
  }
  return element.text;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Decimal integer text, exact: refuses what a JS number cannot hold without rounding. */
function integerText(text: string, path: FieldPath, min: number): number {
  if (!/^-?(0|[1-9][0-9]*)$/.test(text))
    violation(path, `"${text.slice(0, 40)}" is not a decimal integer`);
  // Up to 15 digits always fits; only longer texts need the exact comparison.
  if (
    text.length > 15 &&
    (text.length > 20 || BigInt(text) > MAX_SAFE || BigInt(text) < -MAX_SAFE)
  ) {
    violation(path, 'exceeds 2^53-1 and cannot be carried exactly');
  }
  const value = Number(text);
  if (value < min) violation(path, `must be at least ${min}`);
  return value;
}

function decimalText(text: string, path: FieldPath): number {
  if (!/^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text) || text.length > 32) {
    violation(path, `"${text.slice(0, 40)}" is not a decimal number`);
  }
  return Number(text);
}

function violation(path: FieldPath, message: string): never {
  throw new PayloadError('SCHEMA_VIOLATION', message, pathText(path));
}
