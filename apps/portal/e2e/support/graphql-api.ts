/**
 * Seeds and checks data through central's real GraphQL API (the same one the portal uses),
 * so the journeys never write to the database behind central's back.
 */
type GraphqlResult<T> = {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
};

export class GraphqlApi {
  constructor(private readonly baseUrl: string) {}

  async request<T>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlResult<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult<T>;
  }

  async ok<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const result = await this.request<T>(query, variables, token);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }

  async signIn(email: string, password: string): Promise<string> {
    const data = await this.ok<{ signIn: { accessToken: string } }>(
      'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }',
      { email, password },
    );
    return data.signIn.accessToken;
  }

  async createCustomer(token: string, name: string, externalRef: string): Promise<string> {
    const data = await this.ok<{ createCustomer: { id: string } }>(
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { name, externalRef } },
      token,
    );
    return data.createCustomer.id;
  }

  async createSite(token: string, customerId: string, name: string): Promise<string> {
    const data = await this.ok<{ createSite: { id: string } }>(
      'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }',
      { input: { customerId, name } },
      token,
    );
    return data.createSite.id;
  }

  async createUser(
    token: string,
    input: { email: string; name: string; password: string; role: string; customerId?: string },
  ): Promise<string> {
    const data = await this.ok<{ createUser: { id: string } }>(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input },
      token,
    );
    return data.createUser.id;
  }

  async deviceIds(token: string, customerId: string): Promise<string[]> {
    const data = await this.ok<{ devices: { edges: Array<{ node: { id: string } }> } }>(
      'query($customerId: ID) { devices(customerId: $customerId, first: 100) { edges { node { id } } } }',
      { customerId },
      token,
    );
    return data.devices.edges.map((edge) => edge.node.id);
  }

  async customerNamesWithApiKey(apiKey: string): Promise<string[]> {
    const data = await this.ok<{ customers: { edges: Array<{ node: { name: string } }> } }>(
      'query { customers(first: 100) { edges { node { name } } } }',
      {},
      apiKey,
    );
    return data.customers.edges.map((edge) => edge.node.name);
  }

  async customerErrorCode(token: string, customerId: string): Promise<string | undefined> {
    const result = await this.request(
      'query($id: ID!) { customer(id: $id) { id name } }',
      { id: customerId },
      token,
    );
    if (!result.errors?.length)
      throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0]?.extensions?.code;
  }
}
