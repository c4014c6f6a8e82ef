import { AddressList } from '../../platform/http/address-list.js';
import { WebhookTargets } from './webhook-target.js';

describe('WebhookTargets', () => {
  const targets = new WebhookTargets(new AddressList([]));

  it.each([
    ['127.0.0.1', 'a loopback'],
    ['10.20.30.40', 'a private'],
    ['172.31.255.1', 'a private'],
    ['192.168.1.10', 'a private'],
    ['169.254.169.254', 'a link-local'],
    ['100.64.0.1', 'a carrier-grade NAT'],
    ['0.0.0.0', 'an unspecified'],
    ['::1', 'a loopback'],
    ['::ffff:127.0.0.1', 'a loopback'],
    ['fd12:3456::1', 'a private'],
    ['fe80::1', 'a link-local'],
  ])('refuses %s as %s address and names the setting', (address, kind) => {
    expect(targets.refusalFor(address)).toMatch(new RegExp(`is ${kind} address`));
    expect(targets.refusalFor(address)).toContain('WEBHOOK_ALLOWED_TARGETS');
  });

  it.each(['8.8.8.8', '172.32.0.1', '2001:db8::1'])('accepts the public address %s', (address) => {
    expect(targets.refusalFor(address)).toBeNull();
  });

  it('accepts what the operator allowed, and only that', () => {
    const onPremises = new WebhookTargets(new AddressList(['10.1.0.0/16', '::1']));
    expect(onPremises.refusalFor('10.1.2.3')).toBeNull();
    expect(onPremises.refusalFor('::1')).toBeNull();
    expect(onPremises.refusalFor('10.2.0.1')).not.toBeNull();
    expect(onPremises.refusalFor('127.0.0.1')).not.toBeNull();
  });

  it('judges a URL by its literal address, bracketed IPv6 included', async () => {
    await expect(targets.refusalForUrl('http://127.0.0.1:8080/hook')).resolves.toContain(
      'loopback',
    );
    await expect(targets.refusalForUrl('https://[::1]/hook')).resolves.toContain('loopback');
    await expect(targets.refusalForUrl('https://8.8.8.8/hook')).resolves.toBeNull();
  });
});
