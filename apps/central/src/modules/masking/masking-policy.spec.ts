import {
  newMaskingKey,
  samePolicy,
  SEND_EVERYTHING,
  stricterPolicy,
  toRemoteMasking,
} from './masking-policy.js';

describe('masking policy', () => {
  it("takes per group the stricter of the tenant's and the customer's", () => {
    const tenant = { ...SEND_EVERYTHING, ip: 'HASH' as const, mac: 'WITHHOLD' as const };
    const customer = { ...SEND_EVERYTHING, ip: 'WITHHOLD' as const, hostname: 'HASH' as const };
    expect(stricterPolicy(tenant, customer)).toEqual({
      ip: 'WITHHOLD',
      mac: 'WITHHOLD',
      hostname: 'HASH',
      contactLocation: 'SEND',
    });
    expect(stricterPolicy(customer, tenant)).toEqual(stricterPolicy(tenant, customer));
  });

  it('serves modes in lower case with the key in base64', () => {
    const key = newMaskingKey();
    expect(key).toHaveLength(32);
    expect(newMaskingKey().equals(key)).toBe(false);
    expect(toRemoteMasking({ ...SEND_EVERYTHING, contactLocation: 'HASH' }, key)).toEqual({
      ip: 'send',
      mac: 'send',
      hostname: 'send',
      contactLocation: 'hash',
      key: key.toString('base64'),
    });
  });

  it('compares policies group by group', () => {
    expect(samePolicy(SEND_EVERYTHING, { ...SEND_EVERYTHING })).toBe(true);
    expect(samePolicy(SEND_EVERYTHING, { ...SEND_EVERYTHING, mac: 'HASH' })).toBe(false);
  });
});
