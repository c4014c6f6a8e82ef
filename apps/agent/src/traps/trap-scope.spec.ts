import { trapScope } from './trap-scope.js';

describe('trapScope', () => {
  const scope = trapScope(
    ['127.20.0.0/30', '127.21.0.10-127.21.0.12', '127.22.0.5:16100', 'printer.example'],
    ['127.30.0.1'],
  );

  it('holds the hosts of CIDRs and ranges, listed hosts and known printers', () => {
    expect(scope.has('127.20.0.1')).toBe(true);
    expect(scope.has('127.20.0.2')).toBe(true);
    expect(scope.has('127.21.0.10')).toBe(true);
    expect(scope.has('127.21.0.12')).toBe(true);
    expect(scope.has('127.22.0.5')).toBe(true);
    expect(scope.has('127.30.0.1')).toBe(true);
  });

  it('leaves out everything else, network and broadcast addresses of a CIDR too', () => {
    expect(scope.has('127.20.0.0')).toBe(false);
    expect(scope.has('127.20.0.3')).toBe(false);
    expect(scope.has('127.21.0.13')).toBe(false);
    expect(scope.has('127.22.0.6')).toBe(false);
    expect(scope.has('127.99.0.1')).toBe(false);
    expect(scope.has('not an address')).toBe(false);
  });

  it('reads IPv4-mapped IPv6 senders as their IPv4 address', () => {
    expect(scope.has('::ffff:127.21.0.11')).toBe(true);
  });

  it('widens nothing for a target it cannot parse', () => {
    expect(trapScope(['127.0.0.1/99'], []).has('127.0.0.1')).toBe(false);
  });
});
