import {
  newWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
} from './webhook-signature.js';
import { WebhookSecretBox } from './webhook-secret-box.js';

describe('Standard Webhooks signing', () => {
  it('matches the reference vector of the Standard Webhooks spec', () => {
    // From github.com/standard-webhooks/standard-webhooks (libraries' shared test vector).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const timestamp = 1614265330;
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, id, timestamp, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies its own headers and refuses tampering, other secrets and stale timestamps', () => {
    const secret = newWebhookSecret();
    const now = 1_800_000_000;
    const headers = webhookHeaders(secret, 'evt_1', now, '{"a":1}');
    expect(verifyWebhook(secret, headers, '{"a":1}', now)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"a":2}', now)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, '{"a":1}', now)).toBe(false);
    expect(verifyWebhook(secret, headers, '{"a":1}', now + 301)).toBe(false);
    // The same MAC bytes spelled differently (the unused low bit of the last base64 character).
    const signature = headers['webhook-signature'];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = signature.at(-2)!;
    const respelled = `${signature.slice(0, -2)}${alphabet[alphabet.indexOf(last) ^ 1]}=`;
    expect(Buffer.from(respelled.slice(3), 'base64')).toEqual(
      Buffer.from(signature.slice(3), 'base64'),
    );
    expect(
      verifyWebhook(secret, { ...headers, 'webhook-signature': respelled }, '{"a":1}', now),
    ).toBe(false);
    expect(
      verifyWebhook(
        secret,
        { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` },
        '{"a":1}',
        now,
      ),
    ).toBe(true);
  });
});

describe('WebhookSecretBox', () => {
  it('round-trips and refuses another key or a tampered box', () => {
    const box = new WebhookSecretBox('master-1');
    const sealed = box.seal('whsec_abc');
    expect(sealed).not.toContain('abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(() => new WebhookSecretBox('master-2').open(sealed)).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('whsec_xyz').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
  });
});
