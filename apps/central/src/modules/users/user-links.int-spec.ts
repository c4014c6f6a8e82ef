import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../platform/auth/opaque-tokens.js';
import { createDealer, signIn, SIGN_IN } from '../../platform/graphql/test-support/scenario.js';
import {
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../platform/graphql/test-support/test-app.js';
import { UserMailWorker } from './user-mail.worker.js';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../../../tools/testing/smtp-sink-process.js';

const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`;
const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, newPassword: $p) }`;
const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) { refreshToken } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id invitationPending } }`;
const NEW_PASSWORD = 'a freshly chosen passphrase';
const PUBLIC_URL = 'https://portal.dealer.test';

describe('e-mailed single-use links, with a real SMTP server process', () => {
  let t: TestApp;
  let sink: SmtpSinkProcess;

  beforeAll(async () => {
    sink = await startSmtpSinkProcess();
    t = await startTestApp({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_FROM: 'Printbeat <no-reply@dealer.test>',
      PUBLIC_URL,
      PASSWORD_RESET_PER_EMAIL_PER_HOUR: '3',
      // Every test signs in a few times from 127.0.0.1; the per-address cap is not under test.
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  /** Waits for the `nth` message to `to` about `subject` and returns the token of its link. */
  async function linkIn(to: string, subject: string, path: string, nth = 1): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const message = (await sink.messages()).filter(
        (m) => m.to.includes(to) && (m.subject ?? '').startsWith(subject),
      )[nth - 1];
      if (message) {
        const token = new RegExp(`${PUBLIC_URL}${path}#token=(pbl_[A-Za-z0-9_-]{43})`).exec(
          message.text ?? '',
        )?.[1];
        if (!token) throw new Error(`no ${path} link in: ${message.text}`);
        expect(message.html).toContain(`href="${PUBLIC_URL}${path}#token=${token}"`);
        return token;
      }
      if (Date.now() > deadline) throw new Error(`no message #${nth} "${subject}" to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const reason = async (query: string, variables: Record<string, unknown>) =>
    (await t.client.request(query, variables)).errors?.[0]?.extensions;

  it('says whether mail is configured', async () => {
    expect((await t.client.ok(`{ mailDelivery { configured } }`, {}))['mailDelivery']).toEqual({
      configured: true,
    });
  });

  it('resets a password by the newest link once, ending every session; the older link is dead', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'reset');
    const sessions = [
      await signIn(t.client, dealer.adminEmail),
      await signIn(t.client, dealer.adminEmail),
    ];

    expect((await t.client.ok(REQUEST, { e: dealer.adminEmail }))['requestPasswordReset']).toBe(
      true,
    );
    const first = await linkIn(
      dealer.adminEmail,
      'Reset your Printbeat password',
      '/reset-password',
    );
    await t.client.ok(REQUEST, { e: dealer.adminEmail.toUpperCase() });
    const second = await linkIn(
      dealer.adminEmail,
      'Reset your Printbeat password',
      '/reset-password',
      2,
    );
    expect(second).not.toBe(first);

    // Only hashes are stored.
    const links = await t.prisma.userLink.findMany({ where: { userId: dealer.adminId } });
    expect(links.map((link) => link.tokenHash).sort()).toEqual(
      [sha256Hex(first), sha256Hex(second)].sort(),
    );
    expect(JSON.stringify(links)).not.toContain(first);

    expect(await reason(RESET, { t: first, p: NEW_PASSWORD })).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_LINK',
    });
    expect(await reason(RESET, { t: second, p: 'short' })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect((await t.client.ok(RESET, { t: second, p: NEW_PASSWORD }))['resetPassword']).toBe(true);

    for (const session of sessions) {
      expect(await t.client.errorCode(REFRESH, { r: session.refreshToken })).toBe(
        'UNAUTHENTICATED',
      );
      expect(await t.client.errorCode(`{ me { id } }`, {}, session.accessToken)).toBe(
        'UNAUTHENTICATED',
      );
    }
    const old = await t.client.request(SIGN_IN, {
      email: dealer.adminEmail,
      password: TEST_PASSWORD,
    });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await signIn(t.client, dealer.adminEmail, NEW_PASSWORD);

    // Single use.
    expect(await reason(RESET, { t: second, p: 'yet another passphrase' })).toMatchObject({
      reason: 'INVALID_LINK',
    });
    const events = await t.prisma.auditEvent.findMany({
      where: { tenantId: dealer.tenantId, action: { startsWith: 'user.password_reset' } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['user.password_reset_requested', 'SUCCESS'],
      ['user.password_reset_requested', 'SUCCESS'],
      ['user.password_reset', 'FAILURE'],
      ['user.password_reset', 'SUCCESS'],
      ['user.password_reset', 'FAILURE'],
    ]);
    expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD);
  }, 90_000);

  it('answers an unknown address exactly like a known one, sends it nothing, and limits both alike', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'enumeration');
    const unknown = `nobody-${dealer.slug}@nowhere.test`;

    const timed = async (email: string) => {
      const started = Date.now();
      const answer = await t.client.request(REQUEST, { e: email });
      return { answer, ms: Date.now() - started };
    };
    const forUnknown = await timed(unknown);
    const forKnown = await timed(dealer.adminEmail);
    expect(forUnknown.answer).toEqual(forKnown.answer);
    expect(forUnknown.answer.data).toEqual({ requestPasswordReset: true });
    expect(forUnknown.ms).toBeGreaterThanOrEqual(390);
    expect(forKnown.ms).toBeGreaterThanOrEqual(390);

    await linkIn(dealer.adminEmail, 'Reset your Printbeat password', '/reset-password');
    expect((await sink.messages()).filter((m) => m.to.includes(unknown))).toEqual([]);
    expect(
      await t.prisma.platformAuditEvent.count({
        where: { action: 'user.password_reset_requested' },
      }),
    ).toBeGreaterThan(0);

    // Three an hour per address named, known or not; the fourth is refused the same way.
    for (const email of [unknown, dealer.adminEmail]) {
      await t.client.ok(REQUEST, { e: email });
      await t.client.ok(REQUEST, { e: email });
    }
    const refusals = [
      await reason(REQUEST, { e: unknown }),
      await reason(REQUEST, { e: dealer.adminEmail }),
    ];
    expect(refusals.map((extensions) => extensions?.code)).toEqual([
      'TOO_MANY_REQUESTS',
      'TOO_MANY_REQUESTS',
    ]);
  }, 90_000);

  it('refuses an expired link, and a link outlived by a password change', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'expiry');
    const hash = async () =>
      (await t.prisma.user.findFirstOrThrow({ where: { id: dealer.adminId } })).passwordHash;
    const before = await hash();

    await t.client.ok(REQUEST, { e: dealer.adminEmail });
    const expired = await linkIn(
      dealer.adminEmail,
      'Reset your Printbeat password',
      '/reset-password',
    );
    const row = await t.prisma.userLink.findFirstOrThrow({
      where: { tokenHash: sha256Hex(expired) },
    });
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 30 * 60_000)).toBeLessThan(
      1000,
    );
    await t.prisma.userLink.updateMany({
      where: { id: row.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await reason(RESET, { t: expired, p: NEW_PASSWORD })).toMatchObject({
      reason: 'INVALID_LINK',
    });
    expect(await hash()).toBe(before);

    await t.client.ok(REQUEST, { e: dealer.adminEmail });
    const outlived = await linkIn(
      dealer.adminEmail,
      'Reset your Printbeat password',
      '/reset-password',
      2,
    );
    await t.client.ok(
      `mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { id } }`,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'changed while signed in' } },
      dealer.adminToken,
    );
    expect(await reason(RESET, { t: outlived, p: NEW_PASSWORD })).toMatchObject({
      reason: 'INVALID_LINK',
    });
    await signIn(t.client, dealer.adminEmail, 'changed while signed in');
  }, 90_000);

  it('invites a user by e-mail: resend replaces the link, acceptance sets the password; revoke ends it', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'invite');
    const email = `tech@${dealer.slug}.test`;
    const created = await t.client.ok(
      CREATE_USER,
      { input: { email, name: 'Tess Tech', role: 'DEALER_TECHNICIAN' } },
      dealer.adminToken,
    );
    const user = created['createUser'];
    expect(user.invitationPending).toBe(true);
    const first = await linkIn(email, 'You are invited to Printbeat', '/invitation');
    const invited = await t.prisma.userLink.findFirstOrThrow({
      where: { tokenHash: sha256Hex(first) },
    });
    expect(
      Math.abs(invited.expiresAt.getTime() - invited.createdAt.getTime() - 7 * 24 * 60 * 60_000),
    ).toBeLessThan(1000);

    const resent = await t.client.ok(
      `mutation($id: ID!) { resendInvitation(userId: $id) { id invitationPending } }`,
      { id: user.id },
      dealer.adminToken,
    );
    expect(resent['resendInvitation']).toEqual({ id: user.id, invitationPending: true });
    const second = await linkIn(email, 'You are invited to Printbeat', '/invitation', 2);
    expect(await reason(ACCEPT, { t: first, p: NEW_PASSWORD })).toMatchObject({
      reason: 'INVALID_LINK',
    });
    // A reset link is not an invitation link, and the other way round.
    expect(await reason(RESET, { t: second, p: NEW_PASSWORD })).toMatchObject({
      reason: 'INVALID_LINK',
    });
    expect((await t.client.ok(ACCEPT, { t: second, p: NEW_PASSWORD }))['acceptInvitation']).toBe(
      true,
    );
    const session = await signIn(t.client, email, NEW_PASSWORD);
    expect(
      (await t.client.ok(`{ me { invitationPending } }`, {}, session.accessToken))['me'],
    ).toEqual({ invitationPending: false });
    expect(await reason(ACCEPT, { t: second, p: NEW_PASSWORD })).toMatchObject({
      reason: 'INVALID_LINK',
    });

    const other = `billing@${dealer.slug}.test`;
    const pending = await t.client.ok(
      CREATE_USER,
      { input: { email: other, name: 'Bill Billing', role: 'DEALER_BILLING' } },
      dealer.adminToken,
    );
    const revokedToken = await linkIn(other, 'You are invited to Printbeat', '/invitation');
    await t.client.ok(
      `mutation($id: ID!) { revokeInvitation(userId: $id) { id } }`,
      { id: pending['createUser'].id },
      dealer.adminToken,
    );
    expect(await reason(ACCEPT, { t: revokedToken, p: NEW_PASSWORD })).toMatchObject({
      reason: 'INVALID_LINK',
    });
    const events = await t.prisma.auditEvent.findMany({
      where: { tenantId: dealer.tenantId, action: { startsWith: 'user.invit' } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['user.invite', 'SUCCESS'],
      ['user.invitation_resent', 'SUCCESS'],
      ['user.invitation_accepted', 'FAILURE'],
      ['user.invitation_accepted', 'SUCCESS'],
      ['user.invitation_accepted', 'FAILURE'],
      ['user.invite', 'SUCCESS'],
      ['user.invitation_revoked', 'SUCCESS'],
      ['user.invitation_accepted', 'FAILURE'],
    ]);
  }, 90_000);

  it('changes an e-mail address only once the new address confirms, and tells the old one', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'email-change');
    const newEmail = `dana@new-${dealer.slug}.test`;
    const ask = (currentPassword: string) =>
      t.client.request(
        `mutation($input: RequestEmailChangeInput!) { requestEmailChange(input: $input) }`,
        { input: { newEmail, currentPassword } },
        dealer.adminToken,
      );
    expect((await ask('not my password')).errors?.[0]?.extensions).toMatchObject({
      reason: 'WRONG_CURRENT_PASSWORD',
    });
    expect((await ask(TEST_PASSWORD)).data).toEqual({ requestEmailChange: true });
    const token = await linkIn(newEmail, 'Confirm your new Printbeat e-mail', '/confirm-email');
    const me = async () =>
      (await t.client.ok(`{ me { email } }`, {}, dealer.adminToken))['me'].email as string;
    expect(await me()).toBe(dealer.adminEmail);

    const confirm = `mutation($t: String!) { confirmEmailChange(token: $t) }`;
    expect((await t.client.ok(confirm, { t: token }))['confirmEmailChange']).toBe(true);
    expect(await me()).toBe(newEmail);
    const notice = await sink.waitForMessage(
      (m) =>
        m.to.includes(dealer.adminEmail) &&
        m.subject === 'Your Printbeat e-mail address was changed',
      20_000,
    );
    expect(notice.text).toContain(newEmail);
    await signIn(t.client, newEmail);
    expect(await reason(confirm, { t: token })).toMatchObject({ reason: 'INVALID_LINK' });
    const events = await t.prisma.auditEvent.findMany({
      where: { tenantId: dealer.tenantId, action: { startsWith: 'user.email_change' } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ['user.email_change_requested', 'FAILURE'],
      ['user.email_change_requested', 'SUCCESS'],
      ['user.email_changed', 'SUCCESS'],
      ['user.email_changed', 'FAILURE'],
    ]);
  }, 90_000);

  it('sends the mail of a link whose job was lost, once the sweep finds it', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'lost-job');
    // A link as a request leaves it when queueing its mail failed after the commit.
    await t.prisma.userLink.create({
      data: {
        tenantId: dealer.tenantId,
        userId: dealer.adminId,
        purpose: 'PASSWORD_RESET',
        createdAt: new Date(Date.now() - 10 * 60_000),
        expiresAt: new Date(Date.now() + 20 * 60_000),
      },
    });
    expect(await t.app.get(UserMailWorker).sweep()).toBeGreaterThanOrEqual(1);
    const token = await linkIn(
      dealer.adminEmail,
      'Reset your Printbeat password',
      '/reset-password',
    );
    expect((await t.client.ok(RESET, { t: token, p: NEW_PASSWORD }))['resetPassword']).toBe(true);
  }, 90_000);

  // Last: it leaves 127.0.0.1 backed off for link tokens.
  it('makes an address that guesses link tokens wait, as for wrong passwords, without locking accounts', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'guessing');
    const guess = () =>
      reason(RESET, { t: `pbl_${randomBytes(32).toString('base64url')}`, p: NEW_PASSWORD });
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 8 && !codes.includes('TOO_MANY_REQUESTS'); attempt++)
      codes.push((await guess())?.code);
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(codes.slice(0, -1).every((code) => code === 'BAD_USER_INPUT')).toBe(true);
    // Even a real link waits now from this address; the account itself still signs in.
    await t.client.ok(REQUEST, { e: dealer.adminEmail });
    const real = await linkIn(
      dealer.adminEmail,
      'Reset your Printbeat password',
      '/reset-password',
    );
    expect((await reason(RESET, { t: real, p: NEW_PASSWORD }))?.code).toBe('TOO_MANY_REQUESTS');
    await signIn(t.client, dealer.adminEmail);
  }, 90_000);
});
