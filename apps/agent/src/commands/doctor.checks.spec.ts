import {
  checkCentral,
  checkCertificate,
  checkClock,
  checkDisk,
  checkEnrollment,
  checkPrinter,
  checkProxy,
  doctorVerdict,
  formatCheck,
  isTlsTrustFailure,
} from './doctor.checks.js';

const DAY = 86_400_000;
const validity = {
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2026-01-31T00:00:00Z'),
};

describe('doctor checks', () => {
  it('enrollment fails without an identity and names the data directory', () => {
    expect(checkEnrollment(null, '/var/lib/pb')).toMatchObject({
      status: 'FAIL',
      detail: 'no identity in /var/lib/pb',
    });
    expect(checkEnrollment('a-1', '/var/lib/pb')).toMatchObject({ status: 'OK' });
  });

  it('certificate: OK early, WARN in the renewal window, FAIL once expired', () => {
    const at = (days: number) => new Date(validity.validFrom.getTime() + days * DAY);
    expect(checkCertificate(validity, at(5)).status).toBe('OK');
    expect(checkCertificate(validity, at(21)).status).toBe('WARN');
    expect(checkCertificate(validity, at(30)).status).toBe('FAIL');
    expect(checkCertificate(validity, at(31)).detail).toBe('expired on 2026-01-31T00:00:00.000Z');
  });

  it('tells a TLS trust failure from an unreachable central', () => {
    const untrusted = {
      code: 'CENTRAL_UNREACHABLE',
      message:
        'Central at https://127.0.0.1:8443 unreachable (UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate)',
    };
    expect(isTlsTrustFailure(untrusted.message)).toBe(true);
    expect(checkCentral('https://c', untrusted)).toMatchObject({
      status: 'FAIL',
      detail: 'https://c: untrusted certificate — pass --ca-file',
    });
    const refused = {
      code: 'CENTRAL_UNREACHABLE',
      message: 'Central at https://c unreachable (ECONNREFUSED: connect ECONNREFUSED)',
    };
    expect(checkCentral('https://c', refused).detail).toMatch(/^https:\/\/c unreachable/);
    expect(checkCentral('https://c', { code: 'AGENT_REVOKED', message: 'no' }).detail).toMatch(
      /refused the agent: AGENT_REVOKED/,
    );
    expect(checkCentral('https://c', null).status).toBe('OK');
  });

  it('proxy: direct, bypassed by NO_PROXY, or via the proxy without its password', () => {
    expect(checkProxy(null, false, undefined).detail).toBe('none (direct connection)');
    expect(checkProxy('http://p:3128', true, 'central.local').detail).toBe(
      'http://p:3128/ bypassed for central (NO_PROXY=central.local)',
    );
    expect(checkProxy('http://u:secret@p:3128', false, undefined).detail).toBe(
      'via http://u:***@p:3128/',
    );
  });

  it('clock warns beyond the tolerance, in either direction, and without a Date', () => {
    const central = new Date('2026-01-01T12:00:00Z');
    expect(checkClock(new Date(central.getTime() + 60_000), central).status).toBe('OK');
    expect(checkClock(new Date(central.getTime() + 6 * 60_000), central)).toMatchObject({
      status: 'WARN',
      detail: '360 s ahead of central',
    });
    expect(checkClock(new Date(central.getTime() - 6 * 60_000), central).detail).toBe(
      '360 s behind central',
    );
    expect(checkClock(central, null).status).toBe('WARN');
  });

  it('disk warns under the threshold', () => {
    expect(checkDisk('/d', 100 * 1024 * 1024, 200 * 1024 * 1024)).toMatchObject({
      status: 'WARN',
      detail: '100 MiB free at /d',
    });
    expect(checkDisk('/d', 300 * 1024 * 1024, 200 * 1024 * 1024).status).toBe('OK');
  });

  it('printer: OK with its identity, FAIL on an error, WARN on an empty answer', () => {
    expect(
      checkPrinter('127.0.0.5', { sysDescr: 'HP LaserJet', sysObjectId: '1.3.6.1.4.1.11' }),
    ).toMatchObject({ status: 'OK', detail: '127.0.0.5: HP LaserJet (1.3.6.1.4.1.11)' });
    expect(checkPrinter('127.0.0.5', { error: 'Request timed out' }).status).toBe('FAIL');
    expect(checkPrinter('127.0.0.5', { sysDescr: null, sysObjectId: null }).status).toBe('WARN');
  });

  it('the verdict is the worst line, and lines read status, name, detail, advice', () => {
    const ok = checkDisk('/d', 2, 1);
    const warn = checkDisk('/d', 0, 1);
    const fail = checkEnrollment(null, '/d');
    expect(doctorVerdict([ok])).toBe('ok');
    expect(doctorVerdict([ok, warn])).toBe('warn');
    expect(doctorVerdict([warn, fail, ok])).toBe('fail');
    expect(formatCheck(fail)).toBe(
      'FAIL enrollment  no identity in /d — run printbeat-agent enroll (or pass the right --data-dir)\n',
    );
  });
});
