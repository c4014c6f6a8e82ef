import { PayloadError } from '@printbeat/payload';
import { z } from 'zod';
import { AgentNotFoundError } from '../modules/agents/agents.errors.js';
import { CommandFinalError, CommandNotForAgentError } from '../modules/commands/commands.errors.js';
import {
  EnrollmentRateLimitedError,
  InvalidCsrError,
  RegistrationKeyExpiredError,
  RegistrationKeyInvalidError,
  RegistrationKeyUsedUpError,
} from '../modules/enrollment/enrollment.errors.js';
import { GatewayRefusal, toRefusal } from './gateway.errors.js';

const scope = { tenantId: 't1', customerId: 'c1', details: { registrationKeyId: 'k1' } };

describe('toRefusal', () => {
  it.each([
    [new RegistrationKeyInvalidError(), 401, 'REGISTRATION_KEY_INVALID'],
    [new RegistrationKeyExpiredError(scope), 401, 'REGISTRATION_KEY_EXPIRED'],
    [new RegistrationKeyUsedUpError(scope), 401, 'REGISTRATION_KEY_USED_UP'],
    [new InvalidCsrError('weak key'), 400, 'INVALID_CSR'],
    [new CommandNotForAgentError('x'), 404, 'COMMAND_NOT_FOUND'],
    [new CommandFinalError('x', 'SUCCEEDED'), 409, 'COMMAND_FINAL'],
    [new AgentNotFoundError('a1'), 404, 'NOT_FOUND'],
    [new GatewayRefusal('CERTIFICATE_REQUIRED', 'no certificate'), 401, 'CERTIFICATE_REQUIRED'],
    [new GatewayRefusal('AGENT_DISABLED', 'disabled'), 403, 'AGENT_DISABLED'],
    [new PayloadError('TOO_LARGE', 'too large'), 413, 'TOO_LARGE'],
    [new Error('boom'), 500, 'INTERNAL_ERROR'],
  ])('answers %p with %i %s', (error, status, code) => {
    expect(toRefusal(error)).toMatchObject({ status, code });
  });

  it('keeps the message agents print', () => {
    expect(toRefusal(new CommandFinalError('x', 'EXPIRED')).message).toBe(
      'Command is already EXPIRED',
    );
    expect(toRefusal(new InvalidCsrError('weak key')).message).toBe('CSR refused: weak key');
  });

  it('answers a rate limit 429 RATE_LIMITED with Retry-After', () => {
    expect(toRefusal(new EnrollmentRateLimitedError(7))).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'Too many enrollment attempts from this address',
      headers: { 'retry-after': '7' },
    });
  });

  it('carries the key tenant of a refused enrollment for the audit trail', () => {
    expect(toRefusal(new RegistrationKeyExpiredError(scope)).scope).toEqual(scope);
    expect(toRefusal(new RegistrationKeyInvalidError()).scope).toBeUndefined();
  });

  it('answers a malformed body 400 INVALID_REQUEST naming the field', () => {
    const parsed = z.object({ csr: z.string() }).safeParse({ csr: 1 });
    expect(toRefusal(parsed.error)).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/^csr: /) as unknown,
    });
  });
});
