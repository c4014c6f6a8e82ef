import { unnamedCounterKeys } from './counters/counter-names.js';
import { decodeSnapshot } from './snapshot.js';
import { isPrinter } from './poll-plan.js';
import { FIXTURE_EXPECTATIONS } from './test-support/fixture-expectations.js';
import { listFixtureFiles, readFixture } from './test-support/fixtures.js';
import { sortUnique } from './walk-formats/oid.js';
import { parseWalk } from './walk-formats/parse-walk.js';

describe('decodeSnapshot over every fixture walk', () => {
  const files = listFixtureFiles();

  it('has an expectation for every fixture file and none for a missing one', () => {
    expect(Object.keys(FIXTURE_EXPECTATIONS).sort()).toEqual(files);
  });

  describe.each(files)('%s', (file) => {
    const expected = FIXTURE_EXPECTATIONS[file]!;
    const varbinds = parseWalk(file, readFixture(file));
    const snapshot = decodeSnapshot(varbinds);

    it('is (or is not) detected as a printer', () => {
      expect(isPrinter(varbinds)).toBe(expected.printer);
    });

    it('decodes the identity', () => {
      expect(snapshot.identity).toMatchObject(expected.identity);
    });

    it('decodes exactly the counters the device exposes', () => {
      expect(snapshot.counters).toEqual(expected.counters);
    });

    it('has a display name for every counter it decodes', () => {
      expect(unnamedCounterKeys(snapshot.counters)).toEqual([]);
    });

    it('decodes the supplies', () => {
      expect(
        snapshot.supplies.map((supply) => [
          supply.index,
          supply.type,
          supply.color,
          supply.level,
          supply.maxCapacity,
          supply.percent,
          supply.state,
          supply.partNumber,
          ...(supply.serialNumber ? [supply.serialNumber] : []),
        ]),
      ).toEqual(expected.supplies);
    });

    it('decodes status, alerts and console', () => {
      expect(snapshot.status).toEqual(
        expected.status ?? { printer: null, device: null, errors: [] },
      );
      expect(
        snapshot.alerts.map((alert) => [
          alert.index,
          alert.severity,
          alert.group,
          alert.code,
          alert.description,
        ]),
      ).toEqual(expected.alerts ?? []);
      expect(snapshot.console).toBe(expected.console ?? null);
    });
  });
});

describe('SNMP context pairs (X.snmprec + X@Jetdirect.snmprec)', () => {
  const merged = (base: string) =>
    sortUnique([
      ...parseWalk(`${base}.snmprec`, readFixture(`librenms/${base}.snmprec`)),
      ...parseWalk(`${base}@Jetdirect.snmprec`, readFixture(`librenms/${base}@Jetdirect.snmprec`)),
    ]);

  it('decodes the HP test device from the default context plus the Jetdirect one', () => {
    const varbinds = merged('jetdirect_supplies_context');
    const snapshot = decodeSnapshot(varbinds);
    expect(isPrinter(varbinds)).toBe(true);
    expect(snapshot.identity).toMatchObject({
      manufacturer: 'HP',
      model: 'Color LaserJet Test',
      serial: 'TEST000000',
      uptimeSeconds: 123456,
    });
    expect(snapshot.supplies.map((supply) => [supply.color, supply.percent])).toEqual([
      ['black', 61],
      ['cyan', 47],
      ['magenta', 72],
      ['yellow', 55],
    ]);
  });

  it('keeps the M452nw identity when the 1284 id comes from the Jetdirect context', () => {
    const snapshot = decodeSnapshot(merged('jetdirect_context'));
    expect(snapshot.identity).toMatchObject({
      manufacturer: 'HP',
      model: 'Color LaserJet M452nw',
      serial: 'AAA0A00000',
      mac: '94:57:a5:34:df:33',
    });
  });
});
