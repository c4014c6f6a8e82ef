// What one full poll of each fixture fetches, from printer-mib's own plan, so that the C tools
// baseline asks for exactly the OIDs the agent asks for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_PROBE_OIDS, parseWalk, pollPlan } from '../../../libs/printer-mib/dist/index.js';
import { ROOT } from './support.mjs';

const cache = new Map();

export function fixtureWalk(fixture) {
  const path = join(ROOT, 'fixtures/snmp', fixture);
  return parseWalk(path, readFileSync(path, 'utf8'));
}

export function planFor(fixture) {
  let plan = cache.get(fixture);
  if (!plan) {
    const probeOids = new Set(IDENTITY_PROBE_OIDS);
    const probe = fixtureWalk(fixture).filter((varBind) => probeOids.has(varBind.oid));
    const { scalars, subtrees } = pollPlan(probe);
    plan = {
      probe: [...IDENTITY_PROBE_OIDS],
      scalars: scalars.filter((oid) => !probeOids.has(oid)),
      subtrees,
    };
    cache.set(fixture, plan);
  }
  return plan;
}
