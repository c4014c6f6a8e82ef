import {
  planDeviceMatches,
  type IncomingIdentity,
  type MatchCandidate,
} from './device-matching.js';

const AGENT = 'agent-1';
const stored = (id: string, fields: Partial<MatchCandidate>): MatchCandidate => ({
  id,
  serialNumber: null,
  manufacturer: 'Kyocera',
  macAddress: null,
  ipAddress: null,
  agentId: AGENT,
  noIdentity: false,
  ...fields,
});
const seen = (fields: Partial<IncomingIdentity>): IncomingIdentity => ({
  serial: null,
  manufacturer: 'Kyocera',
  mac: null,
  ip: null,
  ...fields,
});

describe('planDeviceMatches', () => {
  it('matches by serial within the manufacturer, then by MAC; a new IP changes nothing', () => {
    const candidates = [
      stored('d1', { serialNumber: 'S1', macAddress: 'aa', ipAddress: '127.0.0.1' }),
      stored('d2', { macAddress: 'bb' }),
    ];
    const plan = planDeviceMatches(
      [
        seen({ serial: 'S1', mac: 'cc', ip: '127.0.0.9' }),
        seen({ mac: 'bb' }),
        seen({ serial: 'S1', manufacturer: 'HP' }),
      ],
      candidates,
      AGENT,
    );
    expect(plan.matches).toEqual([
      { kind: 'existing', id: 'd1' },
      { kind: 'existing', id: 'd2' },
      { kind: 'new', slot: 0 },
    ]);
    expect(plan.created).toEqual([seen({ serial: 'S1', manufacturer: 'HP' })]);
    expect(plan.reviewExisting.size + plan.reviewNew.size).toBe(0);
  });

  it('never takes a MAC match whose device has another serial, and never matches by IP alone', () => {
    const plan = planDeviceMatches(
      [seen({ serial: 'S2', mac: 'aa' }), seen({ serial: 'S3', ip: '127.0.0.1' })],
      [stored('d1', { serialNumber: 'S1', macAddress: 'aa', ipAddress: '127.0.0.1' })],
      AGENT,
    );
    expect(plan.matches).toEqual([
      { kind: 'new', slot: 0 },
      { kind: 'new', slot: 1 },
    ]);
  });

  it('devices without serial and MAC match only this agent’s flagged device at the same address', () => {
    const candidates = [
      stored('flagged-other-agent', {
        ipAddress: '127.0.0.5',
        noIdentity: true,
        agentId: 'agent-2',
      }),
      stored('flagged', { ipAddress: '127.0.0.5', noIdentity: true }),
    ];
    const plan = planDeviceMatches(
      [seen({ ip: '127.0.0.5' }), seen({ ip: '127.0.0.6' }), seen({ ip: '127.0.0.6' })],
      candidates,
      AGENT,
    );
    expect(plan.matches).toEqual([
      { kind: 'existing', id: 'flagged' },
      { kind: 'new', slot: 0 },
      { kind: 'new', slot: 0 },
    ]);
  });

  it('prefers the serial’s device with the same MAC; the same device twice in one upload is one device', () => {
    const candidates = [
      stored('old', { serialNumber: 'S1', macAddress: 'aa' }),
      stored('twin', { serialNumber: 'S1', macAddress: 'bb' }),
    ];
    const plan = planDeviceMatches(
      [
        seen({ serial: 'S1', mac: 'bb' }),
        seen({ serial: 'S1', mac: 'bb' }),
        seen({ serial: 'NEW', mac: 'cc' }),
        seen({ serial: 'NEW', mac: 'cc' }),
      ],
      candidates,
      AGENT,
    );
    expect(plan.matches).toEqual([
      { kind: 'existing', id: 'twin' },
      { kind: 'existing', id: 'twin' },
      { kind: 'new', slot: 0 },
      { kind: 'new', slot: 0 },
    ]);
    expect(plan.created).toHaveLength(1);
  });

  it('two devices of one upload claiming one serial become two devices, both flagged for review', () => {
    const plan = planDeviceMatches(
      [
        seen({ serial: 'S1', mac: 'aa' }),
        seen({ serial: 'S1', mac: 'bb' }),
        seen({ serial: 'S9', mac: 'x1' }),
        seen({ serial: 'S9', mac: 'x2' }),
      ],
      [stored('d1', { serialNumber: 'S1', macAddress: 'aa' })],
      AGENT,
    );
    expect(plan.matches).toEqual([
      { kind: 'existing', id: 'd1' },
      { kind: 'new', slot: 0 },
      { kind: 'new', slot: 1 },
      { kind: 'new', slot: 2 },
    ]);
    expect([...plan.reviewExisting]).toEqual(['d1']);
    expect([...plan.reviewNew].sort()).toEqual([0, 1, 2]);
  });
});
