import { groupByTenant, systemAuditEvents } from './platform-db.js';

describe('groupByTenant', () => {
  it('gives one entry per tenant with its ids, in first-seen order', () => {
    expect(
      groupByTenant([
        { tenantId: 'b', id: '1' },
        { tenantId: 'a', id: '2' },
        { tenantId: 'b', id: '3' },
      ]),
    ).toEqual([
      { tenantId: 'b', ids: ['1', '3'] },
      { tenantId: 'a', ids: ['2'] },
    ]);
    expect(groupByTenant([])).toEqual([]);
  });
});

describe('systemAuditEvents', () => {
  const at = new Date('2026-03-01T10:00:00.000Z');

  it('writes one SYSTEM event per tenant, named after the job, with the count and ids', () => {
    const events = systemAuditEvents(
      'command-expiry',
      'command.expire',
      'Command',
      [
        { tenantId: 'a', ids: ['c1'] },
        { tenantId: 'b', ids: ['c2', 'c3'] },
      ],
      at,
    );
    expect(events).toEqual([
      {
        tenantId: 'a',
        actorKind: 'SYSTEM',
        actorId: 'command-expiry',
        action: 'command.expire',
        targetType: 'Command',
        targetId: 'c1',
        outcome: 'SUCCESS',
        details: { count: 1, ids: ['c1'] },
        at,
      },
      {
        tenantId: 'b',
        actorKind: 'SYSTEM',
        actorId: 'command-expiry',
        action: 'command.expire',
        targetType: 'Command',
        targetId: null,
        outcome: 'SUCCESS',
        details: { count: 2, ids: ['c2', 'c3'] },
        at,
      },
    ]);
  });

  it('keeps the full count but lists at most 100 ids', () => {
    const ids = Array.from({ length: 150 }, (_, index) => `c${index}`);
    const [event] = systemAuditEvents('job', 'x.y', 'X', [{ tenantId: 'a', ids }], at);
    expect(event?.details).toEqual({ count: 150, ids: ids.slice(0, 100) });
  });
});
