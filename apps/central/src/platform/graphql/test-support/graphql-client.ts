/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL responses in tests are asserted by value with expect(), not by static type */
/** A minimal GraphQL-over-HTTP client for integration tests: real requests, no Apollo client. */
export type GraphqlError = {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: string[];
};
export type GraphqlResponse<T = Record<string, unknown>> = {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
};

export class GraphqlClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphqlResponse<T>;
    return { ...body, status: response.status };
  }

  /** The data of a request that must succeed; fails the test with the errors otherwise. */
  async ok<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const result = await this.request<T>(query, variables, token);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors)}\n${query}`);
    }
    return result.data;
  }

  /** The error code of a request that must fail. */
  async errorCode(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<string | undefined> {
    const result = await this.request(query, variables, token);
    if (!result.errors?.length)
      throw new Error(`expected an error, got ${JSON.stringify(result.data)}\n${query}`);
    return result.errors[0]?.extensions?.code;
  }
}
