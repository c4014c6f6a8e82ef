import {
  describeMasking,
  effectiveMasking,
  stricterMode,
  type RemoteMasking,
} from './masking-policy.js';

const key = Buffer.alloc(32, 1).toString('base64');

describe('stricterMode', () => {
  it('orders send < hash < withhold whichever side asks', () => {
    expect(stricterMode('send', 'hash')).toBe('hash');
    expect(stricterMode('hash', 'send')).toBe('hash');
    expect(stricterMode('withhold', 'hash')).toBe('withhold');
    expect(stricterMode('hash', 'withhold')).toBe('withhold');
    expect(stricterMode('send', 'send')).toBe('send');
  });
});

describe('effectiveMasking', () => {
  it('sends everything when neither side asks for masking', () => {
    expect(effectiveMasking({ remote: null, local: {}, lockDown: false }).policy).toEqual({
      ip: 'send',
      mac: 'send',
      hostname: 'send',
      contactLocation: 'send',
    });
  });

  it('never lets the local side loosen a group central masks', () => {
    const remote: RemoteMasking = { ip: 'withhold', mac: 'hash', key };
    const { policy } = effectiveMasking({
      remote,
      local: { ip: 'send', mac: 'send', hostname: 'hash' },
      lockDown: false,
    });
    expect(policy).toEqual({
      ip: 'withhold',
      mac: 'hash',
      hostname: 'hash',
      contactLocation: 'send',
    });
  });

  it('takes a mode it does not know as withhold, and a short key as none', () => {
    const remote = { ip: 'scramble', mac: 'hash', key: Buffer.alloc(4).toString('base64') };
    const masking = effectiveMasking({
      remote: remote as unknown as RemoteMasking,
      local: {},
      lockDown: false,
    });
    expect(masking.key).toBeNull();
    expect(masking.policy).toMatchObject({ ip: 'withhold', mac: 'withhold' });
  });

  it('withholds IP addresses in lock-down even when central says send', () => {
    const masking = effectiveMasking({ remote: { ip: 'send', key }, local: {}, lockDown: true });
    expect(masking.policy.ip).toBe('withhold');
  });
});

describe('describeMasking', () => {
  it('names every group and its mode', () => {
    const { policy } = effectiveMasking({
      remote: { ip: 'hash', hostname: 'withhold', key },
      local: {},
      lockDown: false,
    });
    expect(describeMasking(policy)).toBe(
      'ip hash, mac send, hostname withhold, contact/location send',
    );
  });
});
