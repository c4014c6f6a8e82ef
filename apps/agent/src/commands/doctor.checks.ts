import { isRenewalDue } from '../identity/certificate-renewal.js';

export type CheckStatus = 'OK' | 'WARN' | 'FAIL';

/** One line of `printbeat-agent doctor`: what was checked, how it went, what to do. */
export type CheckResult = { name: string; status: CheckStatus; detail: string; advice?: string };

/** `warn` and `fail` become exit statuses 1 and 2 in main.ts. */
export type DoctorVerdict = 'ok' | 'warn' | 'fail';

/** Beyond this, central may refuse signed requests and timestamps in uploads are off. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
/** Less than this free under the data directory and the spool may fill the disk. */
export const FREE_DISK_THRESHOLD_BYTES = 512 * 1024 * 1024;

// Node/OpenSSL codes that mean "central answered, but we do not trust its certificate".
const TLS_TRUST_CODES = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
];

export function checkEnrollment(agentId: string | null, dataDir: string): CheckResult {
  return agentId === null
    ? {
        name: 'enrollment',
        status: 'FAIL',
        detail: `no identity in ${dataDir}`,
        advice: 'run printbeat-agent enroll (or pass the right --data-dir)',
      }
    : { name: 'enrollment', status: 'OK', detail: `agent ${agentId}` };
}

export function checkCertificate(
  validity: { validFrom: Date; validTo: Date },
  now: Date,
): CheckResult {
  const until = validity.validTo.toISOString();
  if (now.getTime() >= validity.validTo.getTime()) {
    return {
      name: 'certificate',
      status: 'FAIL',
      detail: `expired on ${until}`,
      advice: 're-enroll the agent with a new token',
    };
  }
  if (isRenewalDue(validity, now)) {
    return {
      name: 'certificate',
      status: 'WARN',
      detail: `in its renewal window, valid until ${until}`,
      advice: 'run printbeat-agent renew (the daemon does so on its own when it reaches central)',
    };
  }
  return { name: 'certificate', status: 'OK', detail: `valid until ${until}` };
}

/** Whether a failed call's message names a TLS trust failure rather than a network one. */
export function isTlsTrustFailure(message: string): boolean {
  return TLS_TRUST_CODES.some((code) => message.includes(code));
}

export function checkCentral(
  centralUrl: string,
  failure: { code: string; message: string } | null,
): CheckResult {
  if (failure === null) return { name: 'central', status: 'OK', detail: `${centralUrl} reachable` };
  if (failure.code === 'CENTRAL_UNREACHABLE' && isTlsTrustFailure(failure.message)) {
    return {
      name: 'central',
      status: 'FAIL',
      detail: `${centralUrl}: untrusted certificate — pass --ca-file`,
      advice: "give the CA that signed central's certificate with --ca-file <file>",
    };
  }
  if (failure.code === 'CENTRAL_UNREACHABLE') {
    return {
      name: 'central',
      status: 'FAIL',
      detail: `${centralUrl} unreachable (${failure.message})`,
      advice: 'check the address, the firewall and the proxy settings',
    };
  }
  return {
    name: 'central',
    status: 'FAIL',
    detail: `${centralUrl} refused the agent: ${failure.code}: ${failure.message}`,
    advice: 'the agent may have been revoked or its certificate expired: re-enroll it',
  };
}

export function checkProxy(
  proxyUrl: string | null,
  bypassed: boolean,
  noProxy: string | undefined,
): CheckResult {
  if (proxyUrl === null) return { name: 'proxy', status: 'OK', detail: 'none (direct connection)' };
  if (bypassed) {
    return {
      name: 'proxy',
      status: 'OK',
      detail: `${redact(proxyUrl)} bypassed for central (NO_PROXY=${noProxy ?? ''})`,
    };
  }
  return { name: 'proxy', status: 'OK', detail: `via ${redact(proxyUrl)}` };
}

export function checkClock(
  localNow: Date,
  centralDate: Date | null,
  toleranceMs = CLOCK_TOLERANCE_MS,
): CheckResult {
  if (centralDate === null || Number.isNaN(centralDate.getTime())) {
    return {
      name: 'clock',
      status: 'WARN',
      detail: "central's time unknown (no Date header)",
      advice: 'make sure the clock is synchronised (NTP)',
    };
  }
  // The Date header has a one-second resolution.
  const skewMs = localNow.getTime() - centralDate.getTime();
  const seconds = Math.round(skewMs / 1000);
  if (Math.abs(skewMs) > toleranceMs) {
    return {
      name: 'clock',
      status: 'WARN',
      detail: `${Math.abs(seconds)} s ${seconds > 0 ? 'ahead of' : 'behind'} central`,
      advice: 'synchronise the clock (NTP)',
    };
  }
  return { name: 'clock', status: 'OK', detail: `within ${Math.abs(seconds)} s of central` };
}

export function checkDisk(
  path: string,
  freeBytes: number,
  thresholdBytes = FREE_DISK_THRESHOLD_BYTES,
): CheckResult {
  const free = `${Math.floor(freeBytes / (1024 * 1024))} MiB free at ${path}`;
  return freeBytes < thresholdBytes
    ? {
        name: 'disk',
        status: 'WARN',
        detail: free,
        advice: `free some space (at least ${Math.floor(thresholdBytes / (1024 * 1024))} MiB)`,
      }
    : { name: 'disk', status: 'OK', detail: free };
}

export function checkPrinter(
  address: string,
  answer: { sysDescr: string | null; sysObjectId: string | null } | { error: string },
): CheckResult {
  if ('error' in answer) {
    return {
      name: 'printer',
      status: 'FAIL',
      detail: `${address}: ${answer.error}`,
      advice: 'check the address, the SNMP community or credentials and the firewall (UDP 161)',
    };
  }
  if (answer.sysDescr === null && answer.sysObjectId === null) {
    return {
      name: 'printer',
      status: 'WARN',
      detail: `${address} answered without sysDescr or sysObjectID`,
    };
  }
  return {
    name: 'printer',
    status: 'OK',
    detail: `${address}: ${answer.sysDescr ?? '?'} (${answer.sysObjectId ?? '?'})`,
  };
}

export function doctorVerdict(results: readonly CheckResult[]): DoctorVerdict {
  if (results.some((result) => result.status === 'FAIL')) return 'fail';
  return results.some((result) => result.status === 'WARN') ? 'warn' : 'ok';
}

export function formatCheck(result: CheckResult): string {
  const advice = result.advice ? ` — ${result.advice}` : '';
  return `${result.status.padEnd(4)} ${result.name.padEnd(11)} ${result.detail}${advice}\n`;
}

// A proxy URL may carry a user and password.
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
