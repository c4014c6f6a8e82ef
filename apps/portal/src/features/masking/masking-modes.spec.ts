import { describe, expect, it } from 'vitest';
import { changedModes, decidedBy, stricter, type MaskingModes } from './masking-modes';

const sendAll: MaskingModes = {
  ip: 'SEND',
  mac: 'SEND',
  hostname: 'SEND',
  contactLocation: 'SEND',
};

describe('masking modes', () => {
  it('lets the stricter of two settings win, in either order', () => {
    expect(stricter('SEND', 'HASH')).toBe('HASH');
    expect(stricter('WITHHOLD', 'HASH')).toBe('WITHHOLD');
    expect(stricter('HASH', 'WITHHOLD')).toBe('WITHHOLD');
    expect(stricter('SEND', 'SEND')).toBe('SEND');
  });

  it('says whose setting decides', () => {
    expect(decidedBy('WITHHOLD', 'SEND')).toBe('the customer');
    expect(decidedBy('SEND', 'HASH')).toBe('the dealer');
    expect(decidedBy('HASH', 'HASH')).toBe('dealer and customer');
    expect(decidedBy('SEND', 'SEND')).toBe('nobody masks it');
  });

  it('sends only the groups that changed', () => {
    expect(changedModes(sendAll, { ...sendAll, ip: 'WITHHOLD' })).toEqual({ ip: 'WITHHOLD' });
    expect(changedModes(sendAll, sendAll)).toEqual({});
  });
});
