import type { Principal } from './principal.js';

/**
 * Turns a bearer token into a principal or throws `UnauthenticatedError`. Abstract class so
 * it can be the DI token and tests can hand the guard an explicit fake.
 */
export abstract class Authenticator {
  abstract authenticate(bearerToken: string): Promise<Principal>;
}
