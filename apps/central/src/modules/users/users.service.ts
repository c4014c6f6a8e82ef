import { Inject, Injectable } from '@nestjs/common';
import type { UserRole } from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import { hashPassword } from '../../platform/auth/password-hasher.js';
import { UnauthenticatedError } from '../../platform/errors/domain.errors.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
  type PageArgs,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext, type UserRoleName } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CustomerNotFoundError } from '../customers/customers.errors.js';
import type { User } from './user.model.js';
import type { CreateUserInput } from './user.inputs.js';
import {
  CannotDisableSelfError,
  CustomerNotAllowedError,
  CustomerRequiredError,
  EmailTakenError,
  RoleNotAssignableError,
  UserNotFoundError,
} from './users.errors.js';
import { UsersRepository } from './users.repository.js';
import { InvitationsService } from './invitations.service.js';
import { UserLinksService } from './user-links.service.js';
import { toUser } from './to-user.js';

const CUSTOMER_ROLES: readonly UserRole[] = ['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER'];

/** Which roles each role may hand out. Everyone else creates no users. */
const ASSIGNABLE: Partial<Record<UserRoleName, readonly UserRole[]>> = {
  PLATFORM_OPERATOR: ['PLATFORM_OPERATOR'],
  DEALER_ADMIN: [
    'DEALER_ADMIN',
    'DEALER_TECHNICIAN',
    'DEALER_BILLING',
    'CUSTOMER_ADMIN',
    'CUSTOMER_VIEWER',
  ],
  CUSTOMER_ADMIN: ['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER'],
};

@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly repository: UsersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(UserLinksService) private readonly links: UserLinksService,
  ) {}

  async me(): Promise<User> {
    const { actor } = tenantContext.get();
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    const row = await this.db.run((tx) => this.repository.findById(tx, actor.userId));
    // A token outliving its user (deleted meanwhile) is as good as no token.
    if (!row) throw new UnauthenticatedError();
    return toUser(row);
  }

  async get(id: string): Promise<User> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    if (!row) throw new UserNotFoundError(id);
    return toUser(row);
  }

  async list(args: PageArgs): Promise<ConnectionShape<User>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(tx, { take: page.first + 1, after: page.after }),
    );
    return toConnection(rows, page.first, createdAtCursor, toUser);
  }

  async create(input: CreateUserInput): Promise<User> {
    const { tenantId, actor, customerId: ownCustomerId } = tenantContext.get();
    if (actor.kind !== 'user' || !ASSIGNABLE[actor.role]?.includes(input.role))
      throw new RoleNotAssignableError(input.role);
    const customerRole = CUSTOMER_ROLES.includes(input.role);
    // A customer admin creates users of its own customer; naming it is optional.
    const customerId = input.customerId ?? (customerRole ? ownCustomerId : null);
    if (customerRole && !customerId) throw new CustomerRequiredError(input.role);
    if (!customerRole && customerId) throw new CustomerNotAllowedError(input.role);
    if (customerId && !canReachCustomer(customerId)) throw new CustomerNotFoundError(customerId);
    // Without a password the user is invited by e-mail and chooses one by the link.
    const invite = !input.password;
    if (invite) this.invitations.requireMail();
    const passwordHash = input.password
      ? await hashPassword(input.password)
      : await this.invitations.unusablePasswordHash();

    return this.db.run(async (tx) => {
      if (customerId && !(await this.repository.customerExists(tx, customerId)))
        throw new CustomerNotFoundError(customerId);
      if (await this.repository.emailTaken(tx, input.email)) throw new EmailTakenError();
      const row = await this.repository.create(tx, {
        tenantId,
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        customerId,
        invitedAt: invite ? new Date() : null,
      });
      await this.audit.record(tx, {
        action: 'user.create',
        targetType: 'User',
        targetId: row.id,
        customerId,
        details: { role: row.role },
      });
      if (invite) {
        const link = await this.links.issue(tx, { userId: row.id, purpose: 'INVITATION' });
        await this.audit.record(tx, {
          action: 'user.invite',
          targetType: 'User',
          targetId: row.id,
          customerId,
          details: { linkId: link.id },
        });
      }
      return toUser(row);
    });
  }

  disable(id: string): Promise<User> {
    const { actor } = tenantContext.get();
    if (actor.kind === 'user' && actor.userId === id) throw new CannotDisableSelfError();
    return this.db.run(async (tx) => {
      const existing = await this.repository.findById(tx, id);
      if (!existing) throw new UserNotFoundError(id);
      if (!canReachCustomer(existing.customerId ?? '')) throw new UserNotFoundError(id);
      const row = await this.repository.disable(tx, id);
      if (!row) throw new UserNotFoundError(id);
      await this.audit.record(tx, {
        action: 'user.disable',
        targetType: 'User',
        targetId: row.id,
        customerId: row.customerId,
      });
      return toUser(row);
    });
  }
}

export { toUser } from './to-user.js';
