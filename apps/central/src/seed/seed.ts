import { randomBytes } from 'node:crypto';
import type { PrismaClient, UserRole } from '@prisma/client';
import { hashPassword } from '../platform/auth/password-hasher.js';

export const SEED = {
  operatorEmail: 'operator@printbeat.local',
  tenantSlug: 'demo-dealer',
  tenantName: 'Demo Dealer',
  dealerAdminEmail: 'admin@demo-dealer.local',
  customerName: 'Demo Customer',
  siteName: 'Head office',
} as const;

export type SeededAccount = {
  email: string;
  /** Set when the password was (re)generated in this run; null when the account already existed. */
  password: string | null;
  created: boolean;
};

export type SeedResult = {
  operator: SeededAccount;
  dealerAdmin: SeededAccount;
  tenant: { id: string; slug: string; created: boolean };
  customer: { id: string; name: string; created: boolean };
  site: { id: string; name: string; created: boolean };
};

/**
 * The first platform operator and a demo dealer (admin, customer, site). Idempotent: a
 * second run finds everything and changes nothing, unless `resetPasswords` asks for new
 * passwords for the two accounts. Seeds may use the raw client: they create tenants.
 */
export async function seed(
  prisma: PrismaClient,
  options: { resetPasswords?: boolean } = {},
): Promise<SeedResult> {
  const platform = await prisma.tenant.findFirst({ where: { kind: 'PLATFORM' } });
  if (!platform) throw new Error('The PLATFORM tenant is missing: are the migrations applied?');

  const operator = await ensureUser(prisma, {
    tenantId: platform.id,
    email: SEED.operatorEmail,
    name: 'Platform Operator',
    role: 'PLATFORM_OPERATOR',
    resetPassword: options.resetPasswords ?? false,
  });

  let tenant = await prisma.tenant.findUnique({ where: { slug: SEED.tenantSlug } });
  const tenantCreated = !tenant;
  tenant ??= await prisma.tenant.create({
    data: { name: SEED.tenantName, slug: SEED.tenantSlug, kind: 'DEALER' },
  });

  const dealerAdmin = await ensureUser(prisma, {
    tenantId: tenant.id,
    email: SEED.dealerAdminEmail,
    name: 'Demo Dealer Admin',
    role: 'DEALER_ADMIN',
    resetPassword: options.resetPasswords ?? false,
  });

  let customer = await prisma.customer.findFirst({
    where: { tenantId: tenant.id, name: SEED.customerName },
  });
  const customerCreated = !customer;
  customer ??= await prisma.customer.create({
    data: { tenantId: tenant.id, name: SEED.customerName, externalRef: 'DEMO-001' },
  });

  let site = await prisma.site.findFirst({
    where: { tenantId: tenant.id, customerId: customer.id, name: SEED.siteName },
  });
  const siteCreated = !site;
  site ??= await prisma.site.create({
    data: {
      tenantId: tenant.id,
      customerId: customer.id,
      name: SEED.siteName,
      timeZone: 'Europe/Berlin',
    },
  });

  return {
    operator,
    dealerAdmin,
    tenant: { id: tenant.id, slug: tenant.slug, created: tenantCreated },
    customer: { id: customer.id, name: customer.name, created: customerCreated },
    site: { id: site.id, name: site.name, created: siteCreated },
  };
}

async function ensureUser(
  prisma: PrismaClient,
  user: { tenantId: string; email: string; name: string; role: UserRole; resetPassword: boolean },
): Promise<SeededAccount> {
  const existing = await prisma.user.findUnique({
    where: { tenantId_email: { tenantId: user.tenantId, email: user.email } },
  });
  if (existing && !user.resetPassword) return { email: user.email, password: null, created: false };
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  if (existing) {
    await prisma.user.update({
      where: { tenantId_id: { tenantId: user.tenantId, id: existing.id } },
      data: { passwordHash, disabledAt: null },
    });
    return { email: user.email, password, created: false };
  }
  await prisma.user.create({
    data: {
      tenantId: user.tenantId,
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash,
    },
  });
  return { email: user.email, password, created: true };
}

export function describeSeed(result: SeedResult): string {
  const account = (label: string, account: SeededAccount) =>
    `  ${label.padEnd(14)} ${account.email}  ${
      account.password
        ? `password: ${account.password}`
        : '(exists; password unchanged — run with --reset-passwords for a new one)'
    }`;
  return [
    'Printbeat seed:',
    account('operator', result.operator),
    account('dealer admin', result.dealerAdmin),
    `  tenant         ${result.tenant.slug}${result.tenant.created ? ' (created)' : ''}`,
    `  customer       ${result.customer.name}${result.customer.created ? ' (created)' : ''}`,
    `  site           ${result.site.name}${result.site.created ? ' (created)' : ''}`,
  ].join('\n');
}
