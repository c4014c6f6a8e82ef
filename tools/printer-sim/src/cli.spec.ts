import { InvalidArgumentError } from 'commander';
import { buildCli, parseHostPort, parseV3User } from './cli.js';

describe('printer-sim CLI', () => {
  it('parses repeatable --v3-user specs', () => {
    const users = parseV3User(
      'b:md5:authpass2:des:privpass2',
      parseV3User('a:sha256:authpass1:aes:privpass1'),
    );
    expect(users).toEqual([
      {
        name: 'a',
        authProtocol: 'sha256',
        authKey: 'authpass1',
        privProtocol: 'aes',
        privKey: 'privpass1',
      },
      {
        name: 'b',
        authProtocol: 'md5',
        authKey: 'authpass2',
        privProtocol: 'des',
        privKey: 'privpass2',
      },
    ]);
  });

  it.each([
    'a:sha256:authpass1:aes',
    'a:sha999:authpass1:aes:privpass1',
    'a:sha:authpass1:rc4:privpass1',
    'a:sha:short:aes:privpass1',
  ])('refuses %s', (spec) => {
    expect(() => parseV3User(spec)).toThrow(InvalidArgumentError);
  });

  it('defines start and the ctl actions', () => {
    const cli = buildCli({ log: () => undefined, error: () => undefined });
    expect(cli.commands.map((c) => c.name())).toEqual(['start', 'ctl']);
    const ctl = cli.commands.find((c) => c.name() === 'ctl')!;
    expect(ctl.commands.map((c) => c.name())).toEqual([
      'list',
      'show',
      'print',
      'error',
      'clear',
      'replace',
      'silent',
      'slow',
      'trap',
      'reboot',
    ]);
  });

  it('reads a trap target as host:port', () => {
    expect(parseHostPort('127.0.0.1:42262')).toEqual({ host: '127.0.0.1', port: 42262 });
    for (const bad of ['127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', ':162'])
      expect(() => parseHostPort(bad)).toThrow(InvalidArgumentError);
  });
});
