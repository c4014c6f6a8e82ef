import { crc32, inflateRawSync } from 'node:zlib';
import { excerpt, PayloadError } from './payload.errors.js';

export type ZipEntryRule = {
  name: string;
  /** Hard cap on this entry's uncompressed size, on top of the archive-wide cap. */
  maxBytes: number;
};

export type ReadZipOptions = {
  /** The only entries allowed; each must appear exactly once. */
  entries: readonly ZipEntryRule[];
  maxCompressedBytes: number;
  maxUncompressedBytes: number;
};

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_SIZE = 22;
/** More entries than this is not an upload, whatever their names: stop reading the directory. */
const MAX_DIRECTORY_ENTRIES = 16;

type DirectoryEntry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

/**
 * Reads a small, fixed-shape zip without trusting it. Sizes in the headers are only used to
 * refuse early; inflation itself stops at the remaining budget (zlib `maxOutputLength`), so a
 * bomb with lying headers costs at most the budget. Each entry must inflate to exactly its
 * declared size and CRC. Zip64, encryption, multi-disk and methods other than stored/deflate
 * are refused: the agent never produces them.
 */
export function readZip(bytes: Uint8Array, options: ReadZipOptions): Map<string, Buffer> {
  if (bytes.length > options.maxCompressedBytes) {
    throw new PayloadError(
      'TOO_LARGE',
      `Archive is ${bytes.length} bytes, over the ${options.maxCompressedBytes}-byte limit`,
    );
  }
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    data.length < EOCD_SIZE ||
    (data.readUInt32LE(0) !== LOCAL_FILE_HEADER &&
      data.readUInt32LE(0) !== END_OF_CENTRAL_DIRECTORY)
  ) {
    throw new PayloadError('NOT_A_ZIP', 'The upload body is not a zip archive');
  }
  const eocd = findEndOfCentralDirectory(data);
  const entryCount = data.readUInt16LE(eocd + 10);
  const directorySize = data.readUInt32LE(eocd + 12);
  const directoryOffset = data.readUInt32LE(eocd + 16);
  if (
    data.readUInt16LE(eocd + 4) !== 0 ||
    data.readUInt16LE(eocd + 6) !== 0 ||
    data.readUInt16LE(eocd + 8) !== entryCount
  ) {
    throw new PayloadError('UNSUPPORTED_ZIP', 'Multi-part archives are not supported');
  }
  if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new PayloadError('UNSUPPORTED_ZIP', 'Zip64 archives are not supported');
  }
  if (directoryOffset + directorySize > eocd) {
    throw new PayloadError('ZIP_CORRUPT', 'The central directory lies outside the archive');
  }

  const allowed = new Map(options.entries.map((rule) => [rule.name, rule]));
  const directory = readDirectory(data, directoryOffset, directorySize, entryCount, allowed);
  for (const rule of options.entries) {
    if (!directory.some((entry) => entry.name === rule.name)) {
      throw new PayloadError('MISSING_ENTRY', `The archive has no ${rule.name}`);
    }
  }

  let declaredTotal = 0;
  for (const entry of directory) {
    declaredTotal += entry.uncompressedSize;
    const rule = allowed.get(entry.name) as ZipEntryRule;
    if (entry.uncompressedSize > rule.maxBytes || declaredTotal > options.maxUncompressedBytes) {
      throw new PayloadError(
        'TOO_LARGE',
        `${entry.name} declares ${entry.uncompressedSize} bytes, over the limit`,
      );
    }
  }

  const spans = directory
    .map((entry) => ({ entry, ...locateData(data, entry, directoryOffset) }))
    .sort((a, b) => a.start - b.start);
  spans.forEach((span, index) => {
    const next = spans[index + 1];
    if (next !== undefined && span.end > next.headerOffset) {
      throw new PayloadError('ZIP_CORRUPT', 'Archive entries overlap');
    }
  });

  const contents = new Map<string, Buffer>();
  let inflatedTotal = 0;
  for (const { entry, start, end } of spans) {
    const rule = allowed.get(entry.name) as ZipEntryRule;
    const budget = Math.min(rule.maxBytes, options.maxUncompressedBytes - inflatedTotal);
    const content = extract(data.subarray(start, end), entry, budget);
    inflatedTotal += content.length;
    contents.set(entry.name, content);
  }
  return contents;
}

function findEndOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - EOCD_SIZE - 0xffff);
  for (let offset = data.length - EOCD_SIZE; offset >= lowest; offset -= 1) {
    if (
      data.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY &&
      offset + EOCD_SIZE + data.readUInt16LE(offset + 20) === data.length
    ) {
      return offset;
    }
  }
  throw new PayloadError(
    'NOT_A_ZIP',
    'No end of central directory: not a zip archive, or a truncated one',
  );
}

function readDirectory(
  data: Buffer,
  offset: number,
  size: number,
  count: number,
  allowed: Map<string, ZipEntryRule>,
): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  const end = offset + size;
  let cursor = offset;
  for (let index = 0; index < count; index += 1) {
    if (cursor + 46 > end || data.readUInt32LE(cursor) !== CENTRAL_DIRECTORY_HEADER) {
      throw new PayloadError('ZIP_CORRUPT', 'Broken central directory');
    }
    const nameLength = data.readUInt16LE(cursor + 28);
    const extraLength = data.readUInt16LE(cursor + 30);
    const commentLength = data.readUInt16LE(cursor + 32);
    if (cursor + 46 + nameLength + extraLength + commentLength > end) {
      throw new PayloadError('ZIP_CORRUPT', 'Broken central directory');
    }
    const name = data.toString('latin1', cursor + 46, cursor + 46 + nameLength);
    const entry: DirectoryEntry = {
      name,
      flags: data.readUInt16LE(cursor + 8),
      method: data.readUInt16LE(cursor + 10),
      crc: data.readUInt32LE(cursor + 16),
      compressedSize: data.readUInt32LE(cursor + 20),
      uncompressedSize: data.readUInt32LE(cursor + 24),
      localHeaderOffset: data.readUInt32LE(cursor + 42),
    };
    checkName(name);
    if (!allowed.has(name))
      throw new PayloadError(
        'UNEXPECTED_ENTRY',
        `Unexpected archive entry ${JSON.stringify(excerpt(name))}`,
      );
    if (entries.some((seen) => seen.name === name))
      throw new PayloadError('DUPLICATE_ENTRY', `${name} appears more than once`);
    if (entries.length + 1 > MAX_DIRECTORY_ENTRIES)
      throw new PayloadError('UNEXPECTED_ENTRY', 'Too many archive entries');
    if ((entry.flags & 0x0001) !== 0)
      throw new PayloadError('UNSUPPORTED_ZIP', `${name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8)
      throw new PayloadError('UNSUPPORTED_ZIP', `${name} uses compression method ${entry.method}`);
    if (
      entry.compressedSize === 0xffffffff ||
      entry.uncompressedSize === 0xffffffff ||
      entry.localHeaderOffset === 0xffffffff
    ) {
      throw new PayloadError('UNSUPPORTED_ZIP', 'Zip64 entries are not supported');
    }
    entries.push(entry);
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Names that would escape a directory if anyone ever extracted them: refused before the allow-list. */
function checkName(name: string): void {
  const unsafe =
    name.length === 0 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\u0000') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..');
  if (unsafe)
    throw new PayloadError(
      'UNSAFE_ENTRY_NAME',
      `Unsafe archive entry name ${JSON.stringify(excerpt(name))}`,
    );
}

function locateData(
  data: Buffer,
  entry: DirectoryEntry,
  directoryOffset: number,
): { headerOffset: number; start: number; end: number } {
  const headerOffset = entry.localHeaderOffset;
  if (
    headerOffset + 30 > directoryOffset ||
    data.readUInt32LE(headerOffset) !== LOCAL_FILE_HEADER
  ) {
    throw new PayloadError('ZIP_CORRUPT', `No local header for ${entry.name}`);
  }
  const nameLength = data.readUInt16LE(headerOffset + 26);
  const extraLength = data.readUInt16LE(headerOffset + 28);
  const localName = data.toString('latin1', headerOffset + 30, headerOffset + 30 + nameLength);
  if (localName !== entry.name || data.readUInt16LE(headerOffset + 8) !== entry.method) {
    throw new PayloadError(
      'ZIP_CORRUPT',
      `Local header of ${entry.name} disagrees with the central directory`,
    );
  }
  const start = headerOffset + 30 + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (end > directoryOffset)
    throw new PayloadError('ZIP_CORRUPT', `${entry.name} runs past the end of the data`);
  return { headerOffset, start, end };
}

function extract(compressed: Buffer, entry: DirectoryEntry, budget: number): Buffer {
  let content: Buffer;
  if (entry.method === 0) {
    content = compressed;
  } else {
    try {
      content = inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new PayloadError(
          'TOO_LARGE',
          `${entry.name} inflates past the uncompressed size limit`,
          null,
          { cause: error },
        );
      }
      throw new PayloadError('ZIP_CORRUPT', `${entry.name} does not inflate`, null, {
        cause: error,
      });
    }
  }
  if (content.length > budget) {
    throw new PayloadError('TOO_LARGE', `${entry.name} is over the uncompressed size limit`);
  }
  if (content.length !== entry.uncompressedSize || crc32(content) !== entry.crc) {
    throw new PayloadError('ZIP_CORRUPT', `${entry.name} does not match its declared size and CRC`);
  }
  return content;
}
