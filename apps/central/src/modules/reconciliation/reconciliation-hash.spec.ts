import type { ReconciliationEntry, ReconciliationReport } from './reconciliation.model.js';
import { contentHash, forCustomer } from './reconciliation.service.js';

const entry = (over: Partial<ReconciliationEntry>): ReconciliationEntry => ({
  section: 'REPORTING_WITHOUT_CONTRACT',
  key: 'device-1',
  deviceId: 'device-1',
  customerId: 'customer-x',
  customerName: 'X',
  serialNumber: 'SN1',
  manufacturer: null,
  model: null,
  displayName: null,
  equipmentId: null,
  contractReference: null,
  lastReadAt: new Date('2026-12-01T00:00:00Z'),
  lastSeenAt: new Date('2026-12-06T00:00:00Z'),
  at: null,
  detail: null,
  ...over,
});

function report(entries: ReconciliationEntry[]): ReconciliationReport {
  const of = (section: ReconciliationEntry['section']) =>
    entries.filter((e) => e.section === section);
  return {
    customerId: null,
    billingDate: new Date('2026-12-07T00:00:00Z'),
    silentDays: 7,
    counts: {
      silentUnderContract: 0,
      reportingWithoutContract: 0,
      serialChanged: 0,
      awaitingReview: 0,
    },
    silentUnderContract: of('SILENT_UNDER_CONTRACT'),
    reportingWithoutContract: of('REPORTING_WITHOUT_CONTRACT'),
    serialChanged: of('SERIAL_CHANGED'),
    awaitingReview: of('AWAITING_REVIEW'),
  };
}

describe('reconciliation content hash', () => {
  it('ignores the times that move every day and the order of the findings', () => {
    const a = entry({});
    const b = entry({ key: 'device-2', deviceId: 'device-2', serialNumber: 'SN2' });
    const moved = { ...a, lastSeenAt: new Date('2026-12-07T00:00:00Z'), lastReadAt: null };
    expect(contentHash(report([a, b]))).toBe(contentHash(report([b, moved])));
  });

  it('changes when a finding comes, goes, moves section or its detail changes', () => {
    const a = entry({});
    const base = contentHash(report([a]));
    expect(contentHash(report([]))).not.toBe(base);
    expect(contentHash(report([a, entry({ key: 'device-2', deviceId: 'device-2' })]))).not.toBe(
      base,
    );
    expect(contentHash(report([{ ...a, section: 'SILENT_UNDER_CONTRACT' }]))).not.toBe(base);
    expect(
      contentHash(report([entry({ section: 'SERIAL_CHANGED', key: 'c-1', detail: 'A → B' })])),
    ).not.toBe(
      contentHash(report([entry({ section: 'SERIAL_CHANGED', key: 'c-1', detail: 'A → C' })])),
    );
  });

  it("keeps one customer's findings with their counts", () => {
    const own = entry({});
    const other = entry({ key: 'device-9', deviceId: 'device-9', customerId: 'customer-y' });
    const silent = entry({ section: 'SILENT_UNDER_CONTRACT', key: 'm-1' });
    const part = forCustomer(report([own, other, silent]), 'customer-x');
    expect(part.customerId).toBe('customer-x');
    expect(part.reportingWithoutContract).toEqual([own]);
    expect(part.counts).toEqual({
      silentUnderContract: 1,
      reportingWithoutContract: 1,
      serialChanged: 0,
      awaitingReview: 0,
    });
    expect(contentHash(part)).not.toBe(contentHash(forCustomer(report([other]), 'customer-x')));
  });
});
