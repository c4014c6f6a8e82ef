import { spawnSync } from 'node:child_process';
import { pingOnce } from './ping.js';

// The system `ping` for real, to loopback only (tools/scripts/ensure-system-deps.mjs installs
// Debian's iputils-ping for `npm test`).

const havePing = spawnSync('sh', ['-c', 'command -v ping'], { stdio: 'ignore' }).status === 0;

describe('pingOnce with the system ping', () => {
  (havePing ? it : it.skip)('reports the echo 127.0.0.1 answers, with its time', async () => {
    const step = await pingOnce('127.0.0.1', true);
    expect(step).toEqual({
      step: 'ping',
      outcome: 'OK',
      message: '127.0.0.1 answered one echo request',
      ms: expect.any(Number),
    });
    expect(step.ms).toBeGreaterThanOrEqual(0);
    expect(step.ms).toBeLessThan(5_000);
  });

  (havePing ? it.skip : it)('without a ping command says so instead of failing', async () => {
    expect(await pingOnce('127.0.0.1', true)).toMatchObject({
      outcome: 'NOT_PERMITTED',
      message: 'ping not permitted: no ping command on this machine',
    });
  });

  it('sends nothing when the agent config switches ping off', async () => {
    expect(await pingOnce('127.0.0.1', false)).toMatchObject({
      outcome: 'NOT_PERMITTED',
      message: 'ping not permitted: switched off in the agent config ("ping": false)',
    });
  });
});
