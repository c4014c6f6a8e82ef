import { cleanModel } from '../identity.js';
import { isPrinter } from '../poll-plan.js';
import { decodeSnapshot } from '../snapshot.js';
import { parseWalk } from '../walk-formats/parse-walk.js';
import { FIXTURE_EXPECTATIONS } from './fixture-expectations.js';
import { IDENTITY_SOURCES, type ProjectIdentity } from './identity-sources.js';
import { listFixtureFiles, readFixture } from './fixtures.js';

describe("each walk's identity as its own project expects it", () => {
  const files = listFixtureFiles().filter((file) => !file.includes('@'));

  it('has a source for every walk', () => {
    expect(Object.keys(IDENTITY_SOURCES).sort()).toEqual(files);
  });

  describe.each(files)('%s', (file) => {
    const source = IDENTITY_SOURCES[file]!;
    const varbinds = parseWalk(file, readFixture(file));
    const identity = decodeSnapshot(varbinds).identity;

    it('is a printer when the project takes it for one, or differs for a stated reason', () => {
      expect(isPrinter(varbinds)).toBe(
        source.printerDiffers === undefined ? source.printer : !source.printer,
      );
    });

    it('yields every value the project states, or the documented different one', () => {
      const fields = Object.keys(source.expected ?? {}) as (keyof ProjectIdentity)[];
      for (const field of fields) {
        const stated = source.expected?.[field] ?? null;
        const differs = source.differs?.[field];
        const ours = identity[field];
        if (differs) {
          expect({ field, ours }).toEqual({ field, ours: differs.ours });
          expect({ field, ours }).not.toEqual({ field, ours: stated });
          expect(FIXTURE_EXPECTATIONS[file]?.identity[field]).toEqual(differs.ours);
          continue;
        }
        const expected =
          field === 'model' && typeof stated === 'string'
            ? cleanModel(stated, identity.manufacturer)
            : stated;
        expect({ field, value: ours }).toEqual({ field, value: expected });
      }
      if (source.modelContains) expect(identity.model).toContain(source.modelContains);
    });
  });
});
