import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, parseWalk } from '@printbeat/printer-mib';
import { failedPoll, type PollResult } from '../../polling/poll-result.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../../fixtures/snmp');

/** A full poll of a real walk (Kyocera P2040: toner, status, alert table), as pollDevice gives it. */
export function kyoceraPoll(address = '127.20.0.1'): PollResult {
  const fixture = 'printmaster/kyocera_p2040_snmp.json';
  const snapshot = decodeSnapshot(
    parseWalk(fixture, readFileSync(join(FIXTURES, fixture), 'utf8')),
  );
  return { address, port: 161, reachable: true, ...snapshot, durationMs: 12 };
}

/** The same printer showing a paper jam the way the simulator (and RFC 3805 printers) report one. */
export function jammed(result: PollResult): PollResult {
  return {
    ...result,
    status: { printer: 'other', device: 'down', errors: ['jammed'] },
    alerts: [
      ...result.alerts,
      { index: '99', severity: 'critical', group: 'mediaPath', code: 'jam', description: 'Jam' },
    ],
  };
}

export function withTonerPercent(result: PollResult, percent: number): PollResult {
  return {
    ...result,
    supplies: result.supplies.map((supply, index) =>
      index === 0 ? { ...supply, percent } : supply,
    ),
  };
}

export function silent(address = '127.20.0.1'): PollResult {
  return failedPoll(address, 161, false, { code: 'SNMP_TIMEOUT', message: 'no answer' }, 2000);
}
