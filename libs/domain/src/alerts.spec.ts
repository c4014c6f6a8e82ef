import { alertTitle, desiredAlerts, isSilent, reconcileAlerts } from './alerts.js';

describe('desiredAlerts', () => {
  it('maps status bits to alerts with severity', () => {
    expect(desiredAlerts({ errors: ['jammed', 'lowToner'], alerts: [] })).toEqual([
      { code: 'JAM', severity: 'CRITICAL', source: 'DEVICE_STATUS', message: 'Paper jam' },
      { code: 'TONER_LOW', severity: 'WARNING', source: 'DEVICE_STATUS', message: 'Toner low' },
    ]);
  });
  it('weighs service requested by the device status (RFC 3805: warning or down)', () => {
    const serviceAlert = (deviceStatus: string) =>
      desiredAlerts({ errors: ['serviceRequested'], alerts: [], deviceStatus });
    expect(serviceAlert('warning')).toEqual([
      {
        code: 'SERVICE_REQUESTED',
        severity: 'WARNING',
        source: 'DEVICE_STATUS',
        message: 'Service requested',
      },
    ]);
    expect(serviceAlert('down').map((alert) => alert.severity)).toEqual(['CRITICAL']);
    expect(serviceAlert('running').map((alert) => alert.severity)).toEqual(['WARNING']);
  });
  it('merges the same condition from bits and table into one alert, preferring the table text', () => {
    const alerts = desiredAlerts({
      errors: ['doorOpen'],
      alerts: [
        {
          code: 'coverOpen',
          severity: 'critical',
          group: 'cover',
          description: 'Front cover open',
        },
      ],
    });
    expect(alerts).toEqual([
      {
        code: 'DOOR_OPEN',
        severity: 'CRITICAL',
        source: 'ALERT_TABLE',
        message: 'Front cover open',
      },
    ]);
  });
  it('ignores transient table events and unknown bits', () => {
    expect(
      desiredAlerts({
        errors: ['somethingNew'],
        alerts: [
          {
            code: 'powerUp',
            severity: 'warningBinaryChangeEvent',
            group: 'generalPrinter',
            description: 'Power up',
          },
          { code: 'coverClosed', severity: 'warning', group: 'cover', description: '' },
        ],
      }),
    ).toEqual([]);
  });
  it('keeps the severity the device gives (RFC 3805 prtAlertSeverityLevel)', () => {
    const entry = (severity: string) => ({
      code: 'markerFuserUnderTemperature',
      severity,
      group: 'marker',
      description: '',
    });
    expect(desiredAlerts({ errors: [], alerts: [entry('warning')] })).toEqual([
      {
        code: 'FUSER_UNDER_TEMPERATURE',
        severity: 'WARNING',
        source: 'ALERT_TABLE',
        message: 'Fuser below temperature',
      },
    ]);
    expect(desiredAlerts({ errors: [], alerts: [entry('critical')] })).toMatchObject([
      { code: 'FUSER_UNDER_TEMPERATURE', severity: 'CRITICAL' },
    ]);
    // other(1) says nothing: our default for the code applies.
    expect(desiredAlerts({ errors: [], alerts: [entry('other')] })).toMatchObject([
      { severity: 'WARNING' },
    ]);
  });
  it("keeps the table row's training level (RFC 3805 prtAlertTrainingLevel) on the alert", () => {
    expect(
      desiredAlerts({
        errors: [],
        alerts: [
          {
            code: 'markerFuserOverTemperature',
            severity: 'critical',
            group: 'marker',
            description: '',
            trainingLevel: 'fieldService',
          },
        ],
      }),
    ).toEqual([
      {
        code: 'FUSER_OVER_TEMPERATURE',
        severity: 'CRITICAL',
        source: 'ALERT_TABLE',
        message: 'Fuser over temperature',
        trainingLevel: 'fieldService',
      },
    ]);
  });
  it('opens nothing for a binary-change event, whatever its code', () => {
    expect(
      desiredAlerts({
        errors: [],
        alerts: [
          {
            code: 'markerFuserUnderTemperature',
            severity: 'warningBinaryChangeEvent',
            group: 'marker',
            description: '',
          },
          {
            code: 'jam',
            severity: 'warningBinaryChangeEvent',
            group: 'mediaPath',
            description: '',
          },
        ],
      }),
    ).toEqual([]);
  });
  it('raises hrDeviceStatus warning or down only when nothing more specific explains it', () => {
    expect(desiredAlerts({ errors: [], alerts: [], deviceStatus: 'warning' })).toEqual([
      {
        code: 'DEVICE_WARNING',
        severity: 'WARNING',
        source: 'DEVICE_STATUS',
        message: 'Printer reports a warning',
      },
    ]);
    expect(desiredAlerts({ errors: [], alerts: [], deviceStatus: 'down' })).toMatchObject([
      { code: 'DEVICE_DOWN', severity: 'CRITICAL' },
    ]);
    expect(
      desiredAlerts({ errors: ['lowToner'], alerts: [], deviceStatus: 'warning' }).map(
        (a) => a.code,
      ),
    ).toEqual(['TONER_LOW']);
    expect(desiredAlerts({ errors: [], alerts: [], deviceStatus: 'running' })).toEqual([]);
  });
  it('titles an unmapped code in words, with the device severity', () => {
    expect(alertTitle('subunitJamOther')).toBe('Subunit jam other');
    expect(
      desiredAlerts({
        errors: [],
        alerts: [
          {
            code: 'mediaPathCannotDuplexMediaSelected',
            severity: 'warning',
            group: 'mediaPath',
            description: '',
          },
        ],
      }),
    ).toEqual([
      {
        code: 'DEVICE_MEDIAPATH_MEDIAPATHCANNOTDUPLEXMEDIASELECTED',
        severity: 'WARNING',
        source: 'ALERT_TABLE',
        message: 'Media path cannot duplex media selected',
      },
    ]);
  });
  it('keeps an unmapped critical table entry under a derived code', () => {
    expect(
      desiredAlerts({
        errors: [],
        alerts: [
          {
            code: 'other',
            severity: 'critical',
            group: 'marker',
            description: 'Call service C6000',
          },
        ],
      }),
    ).toEqual([
      {
        code: 'DEVICE_MARKER_OTHER',
        severity: 'CRITICAL',
        source: 'ALERT_TABLE',
        message: 'Call service C6000',
      },
    ]);
  });
  it('maps toner empty from the table over toner low from the bits as distinct codes', () => {
    const codes = desiredAlerts({
      errors: ['lowToner'],
      alerts: [
        {
          code: 'markerTonerEmpty',
          severity: 'critical',
          group: 'markerSupplies',
          description: '',
        },
      ],
    }).map((a) => [a.code, a.message]);
    expect(codes).toEqual([
      ['TONER_EMPTY', 'Toner empty'],
      ['TONER_LOW', 'Toner low'],
    ]);
  });
});

describe('reconcileAlerts', () => {
  it('opens new, closes gone, keeps the rest', () => {
    const desired = desiredAlerts({ errors: ['jammed', 'noPaper'], alerts: [] });
    expect(reconcileAlerts(['JAM', 'DOOR_OPEN'], desired)).toEqual({
      open: [
        {
          code: 'PAPER_OUT',
          severity: 'CRITICAL',
          source: 'DEVICE_STATUS',
          message: 'Out of paper',
        },
      ],
      close: ['DOOR_OPEN'],
      keep: ['JAM'],
    });
  });
});

describe('isSilent', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  it('is silent after more than N hours, or never seen', () => {
    expect(isSilent(new Date('2026-05-01T01:00:00Z'), 10, now)).toBe(true);
    expect(isSilent(new Date('2026-05-01T02:00:00Z'), 10, now)).toBe(false);
    expect(isSilent(null, 10, now)).toBe(true);
  });
  it('0 hours switches the check off', () => {
    expect(isSilent(null, 0, now)).toBe(false);
  });
});
