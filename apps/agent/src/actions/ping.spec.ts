import { pingOnce, type PingRun } from './ping.js';

const runner = (run: PingRun) => {
  const calls: string[] = [];
  return {
    calls,
    run: (address: string) => {
      calls.push(address);
      return Promise.resolve(run);
    },
  };
};
let clock = 0;
const now = () => (clock += 5);

describe('pingOnce', () => {
  it('reports an answered echo with its time', async () => {
    const r = runner({ exitCode: 0, errorCode: null, output: '1 received' });
    expect(await pingOnce('127.44.0.1', true, r.run, now)).toEqual({
      step: 'ping',
      outcome: 'OK',
      message: '127.44.0.1 answered one echo request',
      ms: 5,
    });
    expect(r.calls).toEqual(['127.44.0.1']);
  });

  it('tells no reply (exit 1) from not permitted (no binary, EACCES, "Operation not permitted")', async () => {
    const outcome = async (run: PingRun) =>
      (await pingOnce('127.44.0.1', true, runner(run).run, now)).message;
    expect(await outcome({ exitCode: 1, errorCode: null, output: '0 received' })).toBe(
      'no echo reply from 127.44.0.1 within 1 s',
    );
    expect(await outcome({ exitCode: null, errorCode: 'ENOENT', output: '' })).toBe(
      'ping not permitted: no ping command on this machine',
    );
    expect(
      await outcome({
        exitCode: 2,
        errorCode: null,
        output: 'ping: socktype: SOCK_RAW\nping: socket: Operation not permitted\n',
      }),
    ).toBe('ping not permitted: ping: socktype: SOCK_RAW');
  });

  it('sends nothing when switched off, or to anything but an IP literal', async () => {
    const r = runner({ exitCode: 0, errorCode: null, output: '' });
    expect(await pingOnce('127.44.0.1', false, r.run, now)).toMatchObject({
      outcome: 'NOT_PERMITTED',
      message: 'ping not permitted: switched off in the agent config ("ping": false)',
    });
    expect(await pingOnce('-f', true, r.run, now)).toMatchObject({ outcome: 'SKIPPED' });
    expect(r.calls).toEqual([]);
  });
});
