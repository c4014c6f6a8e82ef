import {
  actionAvailability,
  mergeCapabilities,
  reportedCapabilities,
  storedCapabilities,
  type StoredCapabilities,
} from './device-capabilities.js';

const at = new Date('2026-12-07T10:00:00.000Z');
const later = new Date('2026-12-07T11:00:00.000Z');
const offer = (c: StoredCapabilities) =>
  Object.fromEntries(actionAvailability(c).map((a) => [a.type, a.reason ?? 'offered']));

describe('reportedCapabilities', () => {
  it('keeps well-formed fields of a result, and nothing from results without them', () => {
    expect(
      reportedCapabilities({
        capabilities: { rawPrintPort: true, pjl: true, pjlId: 'HP M404', writeCredential: 'yes' },
      }),
    ).toEqual({ rawPrintPort: true, pjl: true, pjlId: 'HP M404' });
    expect(reportedCapabilities({ capabilities: { lastSet: 'MAYBE' } })).toBeNull();
    expect(reportedCapabilities({ code: 'X' })).toBeNull();
    expect(reportedCapabilities(null)).toBeNull();
  });
});

describe('mergeCapabilities', () => {
  it('replaces each reported field with its check time and keeps the others', () => {
    const first = mergeCapabilities(
      {},
      { rawPrintPort: true, pjl: false, pjlId: null },
      at,
      'PRINT_TEST_PAGE',
    );
    const second = mergeCapabilities(
      first,
      { writeCredential: true, lastSet: 'ACCEPTED' },
      later,
      'REBOOT',
    );
    expect(second).toEqual({
      rawPrintPort: { value: true, at: at.toISOString() },
      pjl: { value: false, id: null, at: at.toISOString() },
      writeCredential: { value: true, at: later.toISOString() },
      lastSet: { outcome: 'ACCEPTED', message: null, at: later.toISOString() },
    });
    expect(storedCapabilities(JSON.parse(JSON.stringify(second)))).toEqual(second);
  });

  it('forgets a failed SET on a troubleshoot (the re-check), not on other actions', () => {
    const refused = mergeCapabilities(
      {},
      { writeCredential: true, lastSet: 'REFUSED', lastSetMessage: 'NoAccess' },
      at,
      'REBOOT',
    );
    expect(
      mergeCapabilities(refused, { rawPrintPort: true }, later, 'PRINT_TEST_PAGE').lastSet,
    ).toEqual(refused.lastSet);
    expect(
      mergeCapabilities(refused, { writeCredential: true }, later, 'TROUBLESHOOT').lastSet,
    ).toBeUndefined();
  });
});

describe('actionAvailability', () => {
  it('offers refresh, troubleshoot and the test page but not a reboot while nothing is known', () => {
    expect(offer({})).toEqual({
      REFRESH_STATUS: 'offered',
      TROUBLESHOOT: 'offered',
      PRINT_TEST_PAGE: 'offered',
      REBOOT:
        'Not known yet whether a write community is configured for this printer: run Troubleshoot',
    });
  });

  it('offers a reboot only with a write credential and no failed SET since', () => {
    const withWrite = mergeCapabilities({}, { writeCredential: true }, at, 'TROUBLESHOOT');
    expect(offer(withWrite)['REBOOT']).toBe('offered');
    expect(
      offer(mergeCapabilities({}, { writeCredential: false }, at, 'TROUBLESHOOT'))['REBOOT'],
    ).toBe(
      "No SNMP write community or v3 write user is configured for this printer's range on its agent",
    );
    const refused = mergeCapabilities(
      withWrite,
      { writeCredential: true, lastSet: 'REFUSED', lastSetMessage: 'NoAccess' },
      later,
      'REBOOT',
    );
    expect(offer(refused)['REBOOT']).toBe(
      'The printer refused the last reboot (2026-12-07T11:00:00.000Z): NoAccess. Fix the write credentials, then run Troubleshoot',
    );
  });

  it('withholds the test page when the raw print port was found closed', () => {
    const closed = mergeCapabilities({}, { rawPrintPort: false }, at, 'TROUBLESHOOT');
    expect(offer(closed)['PRINT_TEST_PAGE']).toBe(
      'The raw print port (9100) was closed when last checked (2026-12-07T10:00:00.000Z): run Troubleshoot once it is open',
    );
  });
});
