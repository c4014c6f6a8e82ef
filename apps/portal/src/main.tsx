import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApolloClient, GRAPHQL_URI } from './app/apollo-client';
import { AuthProvider } from './app/auth/auth-provider';
import { AuthSession } from './app/auth/auth-session';
import { createRefreshRequest } from './app/auth/refresh-request';
import { createRouter } from './app/router';
import './app/styles.css';

const session = new AuthSession(window.sessionStorage, createRefreshRequest(GRAPHQL_URI));
const client = createApolloClient(session);
const router = createRouter();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <AuthProvider session={session}>
        <RouterProvider router={router} />
      </AuthProvider>
    </ApolloProvider>
  </StrictMode>,
);
