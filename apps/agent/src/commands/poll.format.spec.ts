import type { PollResult } from '../polling/poll-result.js';
import { formatPollTable, formatSupply, toPollJson } from './poll.format.js';

const polled: PollResult = {
  address: '127.20.0.1',
  port: 16100,
  reachable: true,
  identity: {
    manufacturer: 'Kyocera',
    model: 'ECOSYS P2040dn',
    serial: 'VCF9Z12345',
    mac: '00:17:c8:12:34:56',
    firmware: '2S0_2F00.002.002',
    hostname: 'KM123456',
    location: null,
    contact: null,
    sysObjectId: '1.3.6.1.4.1.1347.41',
    sysDescr: 'KYOCERA Document Solutions Printing System',
    uptimeSeconds: 90_061,
  },
  counters: { total: 123_456, mono: 123_456, extra: { 'kyocera.printerBlackA3': 12 } },
  supplies: [
    {
      index: '1.1',
      description: 'TK-1160',
      type: 'toner',
      color: 'black',
      level: 3600,
      maxCapacity: 7200,
      percent: 50,
      state: 'ok',
      partNumber: 'TK-1160',
    },
    {
      index: '1.2',
      description: 'Waste toner box',
      type: 'wasteToner',
      color: null,
      level: -3,
      maxCapacity: -2,
      percent: null,
      state: 'someRemaining',
      partNumber: null,
    },
  ],
  status: { printer: 'other', device: 'down', errors: ['jammed', 'doorOpen'] },
  alerts: [
    {
      index: '1',
      severity: 'critical',
      group: 'input',
      code: 'jam',
      description: 'Paper jam in tray 1',
      trainingLevel: 'untrained',
    },
  ],
  console: 'Paper jam',
  durationMs: 12,
};

describe('toPollJson', () => {
  it('gives exactly the documented fields, supplies and alerts without their table index', () => {
    const json = toPollJson(polled);
    expect(Object.keys(json)).toEqual([
      'address',
      'port',
      'reachable',
      'identity',
      'counters',
      'supplies',
      'status',
      'alerts',
      'console',
    ]);
    expect(json.supplies[0]).toEqual({
      description: 'TK-1160',
      type: 'toner',
      color: 'black',
      level: 3600,
      maxCapacity: 7200,
      percent: 50,
      state: 'ok',
      partNumber: 'TK-1160',
    });
    expect(json.alerts).toEqual([
      {
        severity: 'critical',
        group: 'input',
        code: 'jam',
        description: 'Paper jam in tray 1',
        trainingLevel: 'untrained',
      },
    ]);
  });

  it('keeps the reason of an unreachable device', () => {
    const json = toPollJson({
      ...polled,
      reachable: false,
      error: { code: 'SNMP_TIMEOUT', message: 'no answer' },
      identity: null,
      counters: null,
      supplies: [],
      status: null,
      alerts: [],
      console: null,
    });
    expect(json).toMatchObject({
      reachable: false,
      error: { code: 'SNMP_TIMEOUT', message: 'no answer' },
      identity: null,
    });
  });
});

describe('formatPollTable', () => {
  it('shows identity, counters, supply bars, status, alerts and console', () => {
    const text = formatPollTable([polled]);
    expect(text).toContain('127.20.0.1:16100  Kyocera ECOSYS P2040dn');
    expect(text).toMatch(/Serial\s+VCF9Z12345/);
    expect(text).toMatch(/Uptime\s+1 d 1 h 1 min/);
    expect(text).toMatch(/total\s+123,456/);
    expect(text).toMatch(/kyocera\.printerBlackA3\s+12/);
    expect(text).toContain('[##########..........]  50 %');
    expect(text).toContain('some remaining');
    expect(text).toContain('errors: jammed, doorOpen');
    expect(text).toMatch(/critical\s+input\/jam\s+Paper jam in tray 1/);
    expect(text).toContain('Console   "Paper jam"');
  });

  it('reports unreachable devices with their reason and sums up a batch', () => {
    const down: PollResult = { ...toFailed(polled), address: '127.20.0.2' };
    const text = formatPollTable([polled, down]);
    expect(text).toContain(
      '127.20.0.2:16100  UNREACHABLE\n  SNMP_TIMEOUT: no answer from 127.20.0.2:16100',
    );
    expect(text).toContain('2 polled: 1 complete, 1 failed or unreachable');
  });
});

describe('formatSupply', () => {
  it('never draws a bar for the special levels', () => {
    const supply = polled.supplies[1];
    if (supply === undefined) throw new Error('fixture');
    expect(formatSupply(supply, 15)).toBe(
      `Waste toner box  [${' '.repeat(20)}] some remaining  wasteToner`,
    );
  });

  it('shows a level whose capacity the device does not know, and the cartridge serial', () => {
    const drum = {
      description: 'Black Photoconductive Drum',
      type: 'drum' as const,
      color: 'black',
      level: 9,
      maxCapacity: null,
      percent: null,
      state: 'ok' as const,
      partNumber: null,
    };
    expect(formatSupply(drum, 26)).toBe(
      `Black Photoconductive Drum  [${' '.repeat(20)}] level 9, capacity unknown  black drum`,
    );
    expect(
      formatSupply({ ...drum, partNumber: '013R00662', serialNumber: '5238EF80E000048E' }, 26),
    ).toMatch(/part 013R00662 {2}serial 5238EF80E000048E$/);
  });
});

function toFailed(result: PollResult): PollResult {
  return {
    ...result,
    reachable: false,
    error: {
      code: 'SNMP_TIMEOUT',
      message: 'no answer from 127.20.0.2:16100 within 2000 ms (1 retry)',
    },
    identity: null,
    counters: null,
    supplies: [],
    status: null,
    alerts: [],
    console: null,
  };
}
