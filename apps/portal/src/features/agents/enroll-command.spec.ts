// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { enrollCommandLine } from './enroll-command';

describe('enrollCommandLine', () => {
  it("pins central's own CA by its fingerprint", () => {
    expect(
      enrollCommandLine({
        gatewayUrl: 'https://central.dealer.test:8443',
        caFingerprint: 'AB:CD:EF',
        secret: 'pbr_abc_secret',
      }),
    ).toBe(
      'printbeat-agent enroll --central https://central.dealer.test:8443 --ca-fingerprint AB:CD:EF --key pbr_abc_secret',
    );
  });

  it('needs no CA option for a gateway certificate from a public CA', () => {
    expect(
      enrollCommandLine({
        gatewayUrl: 'https://agents.dealer.test',
        caFingerprint: null,
        secret: 'pbr_abc_secret',
      }),
    ).toBe('printbeat-agent enroll --central https://agents.dealer.test --key pbr_abc_secret');
  });
});
