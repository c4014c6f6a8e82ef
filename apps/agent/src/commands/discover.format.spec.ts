import type { DiscoveryOutcome } from '../discovery/discover.js';
import { formatDiscoveryTable } from './discover.format.js';

const outcome: DiscoveryOutcome = {
  devices: [
    {
      address: '127.20.0.7',
      port: 161,
      isPrinter: true,
      sysDescr: 'KONICA MINOLTA bizhub C250i',
      sysObjectId: '1.3.6.1.4.1.18334.1.2.1.2.1.161.3.3',
      manufacturer: 'Konica Minolta',
      model: 'bizhub C250i',
      serial: 'AA2M021115700',
      mac: '00:20:6b:12:34:56',
      firmware: '1.102',
      hostname: 'reception-mfp',
    },
    {
      address: '127.20.0.9',
      port: 161,
      isPrinter: false,
      reason:
        'answered SNMP but has no Printer-MIB table, Host-Resources printer entry, or printer sysObjectID or sysDescr',
      sysDescr: 'Linux fileserver 6.1.0-18-amd64 #1 SMP\n x86_64',
      sysObjectId: '1.3.6.1.4.1.8072.3.2.10',
      manufacturer: null,
      model: null,
      serial: null,
      mac: null,
      firmware: null,
      hostname: 'fileserver',
    },
  ],
  scanned: 254,
  silent: 252,
  durationMs: 1234,
  interrupted: false,
  transport: null,
};

describe('formatDiscoveryTable', () => {
  it('lists printers, then skipped devices with their reason, then a summary', () => {
    const text = formatDiscoveryTable(outcome);
    expect(text).toContain('Printers (1)');
    expect(text).toMatch(
      /127\.20\.0\.7:161\s+Konica Minolta\s+bizhub C250i\s+AA2M021115700\s+00:20:6b:12:34:56\s+1\.102\s+reception-mfp/,
    );
    expect(text).toContain('Skipped: SNMP devices that are not printers (1)');
    expect(text).toMatch(
      /127\.20\.0\.9:161\s+answered SNMP but has no Printer-MIB .* Linux fileserver 6\.1\.0-18-amd64 #1 SMP x86_64/,
    );
    expect(text.trimEnd().split('\n').pop()).toBe(
      '254 addresses scanned in 1.2 s: 1 printers, 1 skipped, 252 silent',
    );
  });

  it('says when the sweep was interrupted', () => {
    expect(formatDiscoveryTable({ ...outcome, interrupted: true })).toContain(
      'INTERRUPTED: only 254 addresses scanned',
    );
  });
});
