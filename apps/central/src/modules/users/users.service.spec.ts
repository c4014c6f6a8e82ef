import type { Prisma, User as UserRow, UserLinkPurpose } from '@prisma/client';
import type { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import {
  tenantContext,
  type TenantContext,
  type UserRoleName,
} from '../../platform/tenancy/tenant-context.js';
import { verifyPassword } from '../../platform/auth/password-hasher.js';
import type { AuditRecord, AuditService } from '../audit/audit.service.js';
import type { CreateUserInput } from './user.inputs.js';
import type { InvitationsService } from './invitations.service.js';
import type { UserLinksService } from './user-links.service.js';
import { MailNotConfiguredForUsersError } from './users.errors.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

const TENANT = 't-1';
const CUSTOMER_X = 'c-x';
const CUSTOMER_Y = 'c-y';

/** In-memory stand-in for the tenant-scoped repository: what RLS would let the caller see. */
class FakeUsersRepository extends UsersRepository {
  readonly users: UserRow[] = [];
  constructor(private readonly visibleCustomers: string[]) {
    super();
  }
  override emailTaken(_tx: Prisma.TransactionClient, email: string) {
    return Promise.resolve(this.users.some((user) => user.email === email));
  }
  override customerExists(_tx: Prisma.TransactionClient, customerId: string) {
    return Promise.resolve(this.visibleCustomers.includes(customerId));
  }
  override create(_tx: Prisma.TransactionClient, data: Parameters<UsersRepository['create']>[1]) {
    const row = {
      ...data,
      invitedAt: data.invitedAt ?? null,
      id: `u-${this.users.length + 1}`,
      disabledAt: null,
      lastLoginAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    this.users.push(row);
    return Promise.resolve(row);
  }
}

class FakeAudit {
  readonly records: AuditRecord[] = [];
  record(_tx: unknown, record: AuditRecord) {
    this.records.push(record);
    return Promise.resolve();
  }
}

class FakeInvitations {
  constructor(private readonly mailConfigured: boolean) {}
  requireMail() {
    if (!this.mailConfigured)
      throw new MailNotConfiguredForUsersError('input.password', 'no invitation can be sent');
  }
  unusablePasswordHash() {
    return Promise.resolve('scrypt$unusable');
  }
}

class FakeLinks {
  readonly issued: { userId: string; purpose: UserLinkPurpose }[] = [];
  issue(_tx: unknown, link: { userId: string; purpose: UserLinkPurpose }) {
    this.issued.push(link);
    return Promise.resolve({ id: `l-${this.issued.length}` });
  }
}

const fakeDb = {
  run: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => fn({} as Prisma.TransactionClient),
} as unknown as TenantPrisma;

function setup(
  role: UserRoleName,
  customerId: string | null,
  visibleCustomers = [CUSTOMER_X, CUSTOMER_Y],
  mailConfigured = true,
) {
  const repository = new FakeUsersRepository(visibleCustomers);
  const audit = new FakeAudit();
  const invitations = new FakeInvitations(mailConfigured);
  const links = new FakeLinks();
  const service = new UsersService(
    repository,
    audit as unknown as AuditService,
    fakeDb,
    invitations as unknown as InvitationsService,
    links as unknown as UserLinksService,
  );
  const context: TenantContext = {
    tenantId: TENANT,
    customerId,
    actor: { kind: 'user', userId: 'me', role },
  };
  return {
    repository,
    audit,
    links,
    create: (input: Partial<CreateUserInput>) =>
      tenantContext.run(context, () =>
        service.create({
          email: 'new@x.test',
          name: 'New',
          password: 'long enough password',
          role: 'DEALER_TECHNICIAN',
          ...input,
        }),
      ),
  };
}

describe('UsersService.create', () => {
  it('lets a dealer admin create dealer users, hashing the password and auditing', async () => {
    const { repository, audit, create } = setup('DEALER_ADMIN', null);
    const user = await create({ role: 'DEALER_BILLING' });
    expect(user).toMatchObject({
      email: 'new@x.test',
      role: 'DEALER_BILLING',
      tenantId: TENANT,
      customerId: null,
    });
    const stored = repository.users[0];
    expect(stored?.passwordHash).not.toContain('long enough password');
    await expect(verifyPassword('long enough password', stored?.passwordHash ?? '')).resolves.toBe(
      true,
    );
    expect(audit.records).toEqual([
      {
        action: 'user.create',
        targetType: 'User',
        targetId: 'u-1',
        customerId: null,
        details: { role: 'DEALER_BILLING' },
      },
    ]);
  });

  it('requires a customer for customer roles and refuses one for dealer roles', async () => {
    const { create } = setup('DEALER_ADMIN', null);
    await expect(create({ role: 'CUSTOMER_VIEWER' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      create({ role: 'DEALER_TECHNICIAN', customerId: CUSTOMER_X }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      create({ role: 'CUSTOMER_VIEWER', customerId: 'c-unknown' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never lets anyone hand out PLATFORM_OPERATOR inside a dealer, nor dealer roles to customer admins', async () => {
    await expect(
      setup('DEALER_ADMIN', null).create({ role: 'PLATFORM_OPERATOR' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setup('CUSTOMER_ADMIN', CUSTOMER_X).create({ role: 'DEALER_ADMIN' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setup('DEALER_TECHNICIAN', null).create({ role: 'DEALER_TECHNICIAN' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a customer admin to its own customer, defaulting to it', async () => {
    const { create } = setup('CUSTOMER_ADMIN', CUSTOMER_X, [CUSTOMER_X]);
    await expect(create({ role: 'CUSTOMER_VIEWER' })).resolves.toMatchObject({
      customerId: CUSTOMER_X,
    });
    await expect(
      create({ role: 'CUSTOMER_VIEWER', customerId: CUSTOMER_Y, email: 'other@x.test' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a taken email with CONFLICT', async () => {
    const { create } = setup('DEALER_ADMIN', null);
    await create({});
    await expect(create({})).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('UsersService.create without a password', () => {
  it('invites the user by e-mail: pending, an unusable password, an invitation link, audited', async () => {
    const { repository, audit, links, create } = setup('DEALER_ADMIN', null);
    const user = await create({ password: null });
    expect(user.invitationPending).toBe(true);
    expect(repository.users[0]?.invitedAt).toBeInstanceOf(Date);
    expect(repository.users[0]?.passwordHash).toBe('scrypt$unusable');
    expect(links.issued).toEqual([{ userId: 'u-1', purpose: 'INVITATION' }]);
    expect(audit.records.map((record) => record.action)).toEqual(['user.create', 'user.invite']);
  });

  it('refuses to invite where e-mail is not configured, creating nobody', async () => {
    const { repository, links, create } = setup('DEALER_ADMIN', null, [CUSTOMER_X], false);
    await expect(create({ password: null })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'MAIL_NOT_CONFIGURED',
    });
    expect(repository.users).toEqual([]);
    expect(links.issued).toEqual([]);
  });

  it('still takes an admin-set password, with no invitation', async () => {
    const { links, create } = setup('DEALER_ADMIN', null, [CUSTOMER_X], false);
    await expect(create({})).resolves.toMatchObject({ invitationPending: false });
    expect(links.issued).toEqual([]);
  });
});
