#!/usr/bin/env node
// Creates a release key pair: node tools/release/keygen.mjs --out <dir>. Keep release.key off
// central (it signs releases); give release.pub.pem to every agent at install time.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateReleaseKey } from './release-lib.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.' } } });
const dir = resolve(values.out);
await mkdir(dir, { recursive: true });
const key = generateReleaseKey();
await writeFile(join(dir, 'release.key'), key.privateKeyPem, { mode: 0o600, flag: 'wx' });
await writeFile(join(dir, 'release.pub.pem'), key.publicKeyPem, { flag: 'wx' });
process.stdout.write(`${join(dir, 'release.key')}\n${join(dir, 'release.pub.pem')}\n`);
