import { deviceStatus, silenceCutoff } from './device-status.js';

const now = new Date('2026-03-10T12:00:00Z');
const cutoff = silenceCutoff(now, 48);
const fresh = new Date('2026-03-10T11:00:00Z');

describe('deviceStatus', () => {
  it('puts the cutoff deviceSilenceHours before now', () => {
    expect(cutoff.toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('is OK with no bits and only INFO alerts', () => {
    expect(
      deviceStatus(
        { detectedErrors: ['outputNearFull'], lastSeenAt: fresh, openAlertSeverities: ['INFO'] },
        cutoff,
      ),
    ).toBe('OK');
  });

  it('is WARNING from a warning bit or an open WARNING alert', () => {
    expect(
      deviceStatus(
        { detectedErrors: ['lowToner'], lastSeenAt: fresh, openAlertSeverities: [] },
        cutoff,
      ),
    ).toBe('WARNING');
    expect(
      deviceStatus(
        { detectedErrors: [], lastSeenAt: fresh, openAlertSeverities: ['INFO', 'WARNING'] },
        cutoff,
      ),
    ).toBe('WARNING');
  });

  it('is ERROR from an error bit or an open CRITICAL alert, over warnings', () => {
    expect(
      deviceStatus(
        { detectedErrors: ['lowToner', 'jammed'], lastSeenAt: fresh, openAlertSeverities: [] },
        cutoff,
      ),
    ).toBe('ERROR');
    expect(
      deviceStatus(
        { detectedErrors: ['lowPaper'], lastSeenAt: fresh, openAlertSeverities: ['CRITICAL'] },
        cutoff,
      ),
    ).toBe('ERROR');
  });

  it('is OFFLINE from the offline bit, over errors', () => {
    expect(
      deviceStatus(
        {
          detectedErrors: ['offline', 'noPaper'],
          lastSeenAt: fresh,
          openAlertSeverities: ['CRITICAL'],
        },
        cutoff,
      ),
    ).toBe('OFFLINE');
  });

  it('is NOT_SEEN_RECENTLY once last seen before the cutoff, whatever it said', () => {
    expect(
      deviceStatus(
        {
          detectedErrors: ['offline'],
          lastSeenAt: new Date('2026-03-08T11:59:59Z'),
          openAlertSeverities: ['CRITICAL'],
        },
        cutoff,
      ),
    ).toBe('NOT_SEEN_RECENTLY');
    expect(
      deviceStatus({ detectedErrors: [], lastSeenAt: cutoff, openAlertSeverities: [] }, cutoff),
    ).toBe('OK');
  });
});
