import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render } from '@testing-library/react';
import type { GraphQLFormattedError } from 'graphql';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';

export type FakeAnswer = { data: Record<string, unknown> } | { errors: GraphQLFormattedError[] };
export type FakeHandlers = Record<string, (variables: Record<string, unknown>) => FakeAnswer>;

/**
 * A stand-in for central answering GraphQL operations by name; an operation without a handler
 * fails the way central refuses one. Every request is recorded with its variables.
 */
export function renderWithCentral(ui: ReactNode, handlers: FakeHandlers, path = '/') {
  const requests: { operation: string; variables: Record<string, unknown> }[] = [];
  const link = new ApolloLink((operation) => {
    const name = operation.operationName ?? '';
    requests.push({ operation: name, variables: operation.variables });
    const handler = handlers[name];
    if (!handler) return of({ data: null, errors: [{ message: `not faked: ${name}` }] });
    const answer = handler(operation.variables);
    return of('data' in answer ? { data: answer.data } : { data: null, errors: answer.errors });
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [path] });
  render(
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>,
  );
  return { requests, router };
}

export const pageInfo = { __typename: 'PageInfo', hasNextPage: false, endCursor: null };

export function connection(typename: string, nodes: readonly Record<string, unknown>[]) {
  return {
    __typename: `${typename}Connection`,
    edges: nodes.map((node) => ({
      __typename: `${typename}Edge`,
      node: { __typename: typename, ...node },
    })),
    pageInfo,
  };
}
