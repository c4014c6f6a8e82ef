import { UsageError } from '../agent.errors.js';
import type { AuthProtocol, PrivProtocol, SnmpCredentials } from './snmp-client.js';

/**
 * SNMP credentials as people write them, flat with every part optional: the command-line
 * options of `poll` and `discover`, and the `snmp` settings of the agent's config.
 */
export type SnmpCredentialSettings = {
  version: '1' | '2c' | '3';
  /** v1/v2c; `public` when absent. */
  community?: string;
  user?: string;
  authProtocol?: AuthProtocol;
  authKey?: string;
  privProtocol?: PrivProtocol;
  privKey?: string;
  context?: string;
};

const AUTH_ALIASES: ReadonlyMap<string, AuthProtocol> = new Map([
  ['md5', 'md5'],
  ['sha', 'sha'],
  ['sha1', 'sha'],
  ['sha224', 'sha224'],
  ['sha256', 'sha256'],
  ['sha384', 'sha384'],
  ['sha512', 'sha512'],
]);

// `aes256` is the Blumenthal draft (what Net-SNMP calls AES-256), `aes256r` the Reeder one.
const PRIV_ALIASES: ReadonlyMap<string, PrivProtocol> = new Map([
  ['des', 'des'],
  ['aes', 'aes'],
  ['aes128', 'aes'],
  ['aes256', 'aes256b'],
  ['aes256b', 'aes256b'],
  ['aes256r', 'aes256r'],
]);

export const AUTH_PROTOCOL_NAMES: readonly string[] = [...AUTH_ALIASES.keys()];
export const PRIV_PROTOCOL_NAMES: readonly string[] = [...PRIV_ALIASES.keys()];

/** The authentication protocol a name (any case, Net-SNMP aliases too) stands for. */
export function authProtocolNamed(name: string): AuthProtocol | undefined {
  return AUTH_ALIASES.get(name.toLowerCase());
}

/** The privacy protocol a name (any case, Net-SNMP aliases too) stands for. */
export function privProtocolNamed(name: string): PrivProtocol | undefined {
  return PRIV_ALIASES.get(name.toLowerCase());
}

/** Builds credentials from the settings; throws UsageError for incomplete SNMPv3 settings. */
export function snmpCredentials(settings: SnmpCredentialSettings): SnmpCredentials {
  if (settings.version !== '3')
    return { version: settings.version, community: settings.community ?? 'public' };
  if (settings.user === undefined || settings.user === '') {
    throw new UsageError('SNMP_V3_USER_MISSING', 'SNMPv3 needs a user (--user, snmp.user)');
  }
  const credentials: Extract<SnmpCredentials, { version: '3' }> = {
    version: '3',
    user: settings.user,
  };
  if (settings.context !== undefined) credentials.context = settings.context;
  const wantsAuth = settings.authKey !== undefined || settings.authProtocol !== undefined;
  const wantsPriv = settings.privKey !== undefined || settings.privProtocol !== undefined;
  if (wantsAuth) {
    credentials.auth = {
      protocol: settings.authProtocol ?? 'sha',
      key: passPhrase(settings.authKey, {
        code: 'SNMP_V3_AUTH_KEY_MISSING',
        message: 'an SNMPv3 authentication protocol needs its key (--auth-key, snmp.authKey)',
      }),
    };
  }
  if (wantsPriv) {
    if (!wantsAuth)
      throw new UsageError(
        'SNMP_V3_PRIV_WITHOUT_AUTH',
        'SNMPv3 privacy needs authentication too (--auth-key, snmp.authKey)',
      );
    credentials.priv = {
      protocol: settings.privProtocol ?? 'aes',
      key: passPhrase(settings.privKey, {
        code: 'SNMP_V3_PRIV_KEY_MISSING',
        message: 'an SNMPv3 privacy protocol needs its key (--priv-key, snmp.privKey)',
      }),
    };
  }
  return credentials;
}

function passPhrase(key: string | undefined, missing: { code: string; message: string }): string {
  if (key === undefined) throw new UsageError(missing.code, missing.message);
  if (key.length < 8) {
    throw new UsageError(
      'SNMP_V3_KEY_TOO_SHORT',
      'SNMPv3 pass phrases must be at least 8 characters (RFC 3414)',
    );
  }
  return key;
}
