import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** `POST /agent/v1/enroll` body (docs/agent-protocol.md §1). */
export const enrollRequestSchema = z.object({
  registrationKey: z.string().min(1).max(200),
  csr: z.string().min(1).max(16_384),
  facts: z.object({
    hostname: text(255),
    os: text(255),
    agentVersion: text(64),
  }),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const renewRequestSchema = z.object({ csr: z.string().min(1).max(16_384) });
export type RenewRequest = z.infer<typeof renewRequestSchema>;
