import { bypassesProxy } from './no-proxy.js';

describe('bypassesProxy (NO_PROXY rules)', () => {
  const central = 'https://central.printbeat.example:8443/agent/v1/commands';

  it('is off without a list', () => {
    expect(bypassesProxy(central, undefined)).toBe(false);
    expect(bypassesProxy(central, '')).toBe(false);
  });

  it('matches names and their subdomains, with or without a leading dot or star', () => {
    expect(bypassesProxy(central, 'printbeat.example')).toBe(true);
    expect(bypassesProxy(central, '.printbeat.example')).toBe(true);
    expect(bypassesProxy(central, '*.printbeat.example')).toBe(true);
    expect(bypassesProxy(central, 'CENTRAL.printbeat.example')).toBe(true);
    expect(bypassesProxy(central, 'beat.example')).toBe(false);
    expect(bypassesProxy(central, 'other.example, intranet')).toBe(false);
    expect(bypassesProxy(central, 'other.example, printbeat.example')).toBe(true);
    expect(bypassesProxy(central, '*')).toBe(true);
  });

  it('matches a port only when the entry names one', () => {
    expect(bypassesProxy(central, 'central.printbeat.example:8443')).toBe(true);
    expect(bypassesProxy(central, 'central.printbeat.example:443')).toBe(false);
    expect(
      bypassesProxy('https://central.printbeat.example/x', 'central.printbeat.example:443'),
    ).toBe(true);
  });

  it('matches IP addresses exactly and CIDR ranges', () => {
    const loopback = 'https://127.0.0.1:8443/';
    expect(bypassesProxy(loopback, '127.0.0.1')).toBe(true);
    expect(bypassesProxy(loopback, '127.0.0.2')).toBe(false);
    expect(bypassesProxy(loopback, '127.0.0.0/8')).toBe(true);
    expect(bypassesProxy(loopback, '127.1.0.0/16')).toBe(false);
    expect(bypassesProxy('https://[::1]:8443/', '::1')).toBe(true);
    expect(bypassesProxy('https://[::1]:8443/', '[::1]:8443')).toBe(true);
    expect(bypassesProxy('https://[::1]:8443/', '::/0')).toBe(true);
    // A domain entry never matches an address by suffix.
    expect(bypassesProxy(loopback, '0.0.1')).toBe(false);
    expect(bypassesProxy(loopback, '127.0.0.0/99')).toBe(false);
  });
});
