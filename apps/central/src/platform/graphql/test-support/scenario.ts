import { randomBytes } from 'node:crypto';
import type { GraphqlClient } from './graphql-client.js';
import { TEST_PASSWORD } from './test-app.js';

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      accessToken
      refreshToken
      accessTokenExpiresAt
      user {
        id
        email
        role
        tenantId
        customerId
      }
    }
  }
`;

export async function signIn(client: GraphqlClient, email: string, password = TEST_PASSWORD) {
  const data = await client.ok<{
    signIn: { accessToken: string; refreshToken: string; user: { id: string; tenantId: string } };
  }>(SIGN_IN, {
    email,
    password,
  });
  return data.signIn;
}

export type Dealer = {
  tenantId: string;
  slug: string;
  adminId: string;
  adminEmail: string;
  adminToken: string;
};

/** A fresh dealer tenant through the API, and its admin signed in. */
export async function createDealer(
  client: GraphqlClient,
  operatorToken: string,
  label: string,
): Promise<Dealer> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`;
  const adminEmail = `admin@${slug}.test`;
  const data = await client.ok<{ createTenant: { tenant: { id: string }; admin: { id: string } } }>(
    `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } admin { id } } }`,
    {
      input: {
        name: `Dealer ${label}`,
        slug,
        admin: { email: adminEmail, name: `Admin ${label}`, password: TEST_PASSWORD },
      },
    },
    operatorToken,
  );
  const session = await signIn(client, adminEmail);
  return {
    tenantId: data.createTenant.tenant.id,
    slug,
    adminId: data.createTenant.admin.id,
    adminEmail,
    adminToken: session.accessToken,
  };
}

export async function createCustomer(
  client: GraphqlClient,
  token: string,
  name: string,
): Promise<string> {
  const data = await client.ok<{ createCustomer: { id: string } }>(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { name } },
    token,
  );
  return data.createCustomer.id;
}

export async function createSite(
  client: GraphqlClient,
  token: string,
  customerId: string,
  name: string,
): Promise<string> {
  const data = await client.ok<{ createSite: { id: string } }>(
    `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
    { input: { customerId, name } },
    token,
  );
  return data.createSite.id;
}

export async function createUser(
  client: GraphqlClient,
  token: string,
  input: { role: string; customerId?: string | null; email?: string },
): Promise<{ id: string; email: string }> {
  const email =
    input.email ?? `${input.role.toLowerCase()}-${randomBytes(4).toString('hex')}@users.test`;
  const data = await client.ok<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        email,
        name: `User ${input.role}`,
        password: TEST_PASSWORD,
        role: input.role,
        customerId: input.customerId ?? null,
      },
    },
    token,
  );
  return { id: data.createUser.id, email };
}

export async function createApiKey(
  client: GraphqlClient,
  token: string,
  scopes: string[],
): Promise<{ id: string; secret: string }> {
  const data = await client.ok<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    { input: { name: 'billing', scopes } },
    token,
  );
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}
