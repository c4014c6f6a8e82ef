import { laneOf } from './capacity-lanes.js';

describe('laneOf', () => {
  it('gives agents, people (users and API keys) and jobs a lane each', () => {
    expect(laneOf({ kind: 'agent', agentId: 'a' })).toBe('agents');
    expect(laneOf({ kind: 'user', userId: 'u', role: 'CUSTOMER_ADMIN' })).toBe('people');
    expect(laneOf({ kind: 'apiKey', apiKeyId: 'k', scopes: [] })).toBe('people');
    expect(laneOf({ kind: 'system', name: 'replenishment' })).toBe('jobs');
  });
});
