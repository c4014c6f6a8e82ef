import type { Actor } from '../tenancy/tenant-context.js';

/**
 * Separate database capacity per kind of caller, so one kind cannot starve the others: agents
 * uploading in a burst, people and billing systems on the web port, background jobs.
 */
export type CapacityLane = 'agents' | 'people' | 'jobs';

export type LaneSizes = Readonly<Record<CapacityLane, number>>;

/** Connections of the application role per lane (per replica). */
export const DEFAULT_LANE_SIZES: LaneSizes = { agents: 6, people: 8, jobs: 6 };

export const LANE_SIZES = Symbol('LANE_SIZES');

export function laneOf(actor: Actor): CapacityLane {
  switch (actor.kind) {
    case 'agent':
      return 'agents';
    case 'user':
    case 'apiKey':
      return 'people';
    case 'system':
      return 'jobs';
  }
}
