import { AddressList } from './address-list.js';

describe('AddressList', () => {
  it('matches addresses and CIDRs, including IPv4-mapped IPv6 peers', () => {
    const list = new AddressList(['127.0.0.2', '127.10.0.0/16']);
    expect(list.has('127.0.0.2')).toBe(true);
    expect(list.has('::ffff:127.10.3.4')).toBe(true);
    expect(list.has('127.0.0.1')).toBe(false);
    expect(new AddressList([]).has('127.0.0.1')).toBe(false);
  });
});
