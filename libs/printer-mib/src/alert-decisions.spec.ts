import { desiredAlerts } from '@printbeat/domain';
import { decodeSnapshot } from './snapshot.js';
import { readFixture } from './test-support/fixtures.js';
import { parseWalk } from './walk-formats/parse-walk.js';

/** The alerts a real walk opens: decoded here, decided by @printbeat/domain's rule. */
function alertsOf(file: string) {
  const snapshot = decodeSnapshot(parseWalk(file, readFixture(file)));
  return {
    snapshot,
    alerts: desiredAlerts({
      errors: snapshot.status.errors,
      alerts: snapshot.alerts,
      deviceStatus: snapshot.status.device,
    }),
  };
}

describe('alerts decided from real walks', () => {
  it.each(['printmaster/kyocera_p2040_snmp.json', 'printmaster/kyocera_cs4053_snmp.json'])(
    '%s: a sleeping Kyocera (running, fuser below temperature as a binary-change event) opens nothing',
    (file) => {
      const { snapshot, alerts } = alertsOf(file);
      // The severity the device gives survives decoding (prtAlertSeverityLevel 5).
      expect(snapshot.status).toEqual({ printer: 'idle', device: 'running', errors: [] });
      expect(snapshot.alerts).toContainEqual(
        expect.objectContaining({
          severity: 'warningBinaryChangeEvent',
          code: 'markerFuserUnderTemperature',
        }),
      );
      expect(alerts).toEqual([]);
    },
  );

  it("keeps each row's prtAlertTrainingLevel (RFC 3805 PrtAlertTrainingLevelTC)", () => {
    const { snapshot } = alertsOf('printmaster/kyocera_p2040_snmp.json');
    // The walk's 1.3.6.1.2.1.43.18.1.1.3 column: 6 (management) for powerUp, 3 (untrained)
    // for the fuser events.
    expect(snapshot.alerts.map((alert) => [alert.code, alert.trainingLevel])).toEqual([
      ['powerUp', 'management'],
      ['markerFuserUnderTemperature', 'untrained'],
      ['markerFuserUnderTemperature', 'untrained'],
    ]);
  });

  it('a Ricoh reporting hrDeviceStatus warning(3) with nothing more specific is a warning', () => {
    const { snapshot, alerts } = alertsOf('librenms/ricoh_mpc3002.snmprec');
    expect(snapshot.status).toEqual({ printer: null, device: 'warning', errors: [] });
    expect(alerts).toEqual([
      {
        code: 'DEVICE_WARNING',
        severity: 'WARNING',
        source: 'DEVICE_STATUS',
        message: 'Printer reports a warning',
      },
    ]);
  });

  it('a Ricoh reporting running opens nothing', () => {
    const { snapshot, alerts } = alertsOf('librenms/ricoh_mpc2503.snmprec');
    expect(snapshot.status.device).toBe('running');
    expect(alerts).toEqual([]);
  });
});
