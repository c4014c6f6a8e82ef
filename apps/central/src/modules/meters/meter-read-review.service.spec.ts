import type { Prisma } from '@prisma/client';
import type { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext, type TenantContext } from '../../platform/tenancy/tenant-context.js';
import type { AuditRecord, AuditService } from '../audit/audit.service.js';
import { MeterReadReviewDecision } from './meter-read-review.model.js';
import {
  MeterReadReviewRepository,
  type CounterPointRow,
  type ReviewWithRead,
} from './meter-read-review.repository.js';
import { MeterReadReviewService } from './meter-read-review.service.js';
import type { MetersService } from './meters.service.js';
import type { DiscontinuityWithReads } from './meters.repository.js';

const at = (iso: string) => new Date(iso);

function review(overrides: Partial<ReviewWithRead> = {}): ReviewWithRead {
  return {
    tenantId: 't-1',
    id: 'r-1',
    customerId: 'c-1',
    deviceId: 'd-1',
    readId: 'm-2',
    readAt: at('2026-01-15T00:00:00Z'),
    counter: 'total',
    reason: 'SOURCE_DISAGREEMENT',
    discontinuityId: null,
    originalValue: 1500n,
    details: { alternativeSource: 'printerMib.lifeCount', alternativeValue: 1400 },
    status: 'PENDING',
    correctedValue: null,
    decisionReason: null,
    detectedAt: at('2026-01-15T00:05:00Z'),
    reviewedAt: null,
    reviewedByUserId: null,
    read: { readAt: at('2026-01-15T00:00:00Z') },
    device: { serialNumber: 'SN1', model: 'TASKalfa', displayName: null },
    discontinuity: null,
    ...overrides,
  };
}

/** The one row the repository holds, changed as the database would. */
class FakeRepository extends MeterReadReviewRepository {
  decisions: unknown[] = [];
  constructor(
    public row: ReviewWithRead,
    private readonly around: { before: CounterPointRow | null; after: CounterPointRow | null },
  ) {
    super(null as unknown as TenantPrisma);
  }
  override find(_tx: Prisma.TransactionClient, id: string) {
    return Promise.resolve(id === this.row.id ? this.row : null);
  }
  override neighbours() {
    return Promise.resolve(this.around);
  }
  override decide(
    _tx: Prisma.TransactionClient,
    id: string,
    expected: ReviewWithRead['status'],
    data: Parameters<MeterReadReviewRepository['decide']>[3],
  ) {
    if (id !== this.row.id || this.row.status !== expected) return Promise.resolve(false);
    this.decisions.push(data);
    this.row = { ...this.row, ...data, reviewedAt: new Date() };
    return Promise.resolve(true);
  }
}

class FakeMeters {
  decided: { id: string; status: string }[] = [];
  findDiscontinuity(_tx: unknown, id: string) {
    return Promise.resolve({ id, status: 'OPEN' } as DiscontinuityWithReads);
  }
  decideDiscontinuity(_tx: unknown, found: DiscontinuityWithReads, decision: { status: string }) {
    this.decided.push({ id: found.id, status: decision.status });
    return Promise.resolve();
  }
}

class FakeAudit {
  readonly records: AuditRecord[] = [];
  record(_tx: unknown, record: AuditRecord) {
    this.records.push(record);
    return Promise.resolve();
  }
}

const db = {
  run: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => fn({} as Prisma.TransactionClient),
} as unknown as TenantPrisma;

const reviewer: TenantContext = {
  tenantId: 't-1',
  customerId: null,
  actor: { kind: 'user', userId: 'u-1', role: 'DEALER_BILLING' },
};

function setup(row = review()) {
  const repository = new FakeRepository(row, {
    before: { value: 1000, readAt: at('2026-01-01T00:00:00Z') },
    after: { value: 2000, readAt: at('2026-01-31T00:00:00Z') },
  });
  const meters = new FakeMeters();
  const audit = new FakeAudit();
  const service = new MeterReadReviewService(
    repository,
    meters as unknown as MetersService,
    db,
    audit as unknown as AuditService,
  );
  const decide = (input: {
    decision: MeterReadReviewDecision;
    correctedValue?: number;
    reason?: string;
  }) => tenantContext.run(reviewer, () => service.review('r-1', input));
  return { repository, meters, audit, decide };
}

describe('MeterReadReviewService.review', () => {
  it('records a correction beside the read, by the user, and audits before and after', async () => {
    const { repository, audit, decide } = setup();
    const result = await decide({
      decision: MeterReadReviewDecision.CORRECT,
      correctedValue: 1400,
      reason: ' contract meter ',
    });
    expect(result).toMatchObject({
      status: 'CORRECTED',
      correctedValue: 1400,
      originalValue: 1500,
    });
    expect(repository.decisions).toEqual([
      {
        status: 'CORRECTED',
        correctedValue: 1400n,
        decisionReason: 'contract meter',
        reviewedByUserId: 'u-1',
      },
    ]);
    expect(audit.records).toEqual([
      expect.objectContaining({
        action: 'meter_read.review',
        targetId: 'r-1',
        details: expect.objectContaining({
          before: { status: 'PENDING', value: 1500, reason: null },
          after: { status: 'CORRECTED', value: 1400, reason: 'contract meter' },
        }),
      }),
    ]);
  });

  it('refuses a value outside the neighbours, changing and auditing nothing', async () => {
    const { repository, audit, decide } = setup();
    await expect(
      decide({ decision: MeterReadReviewDecision.CORRECT, correctedValue: 2500, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message:
        'The corrected value must be at most 2,000, the counter at 2026-01-31T00:00:00.000Z.',
    });
    expect([repository.decisions, audit.records]).toEqual([[], []]);
  });

  it('a counter drop is bounded below by the value before the drop and decided with the read', async () => {
    const drop = review({
      reason: 'DISCONTINUITY',
      discontinuityId: 'x-1',
      originalValue: 7n,
      discontinuity: {
        beforeValue: 1200n,
        status: 'OPEN',
        beforeRead: { id: 'm-1', readAt: at('2026-01-10T00:00:00Z') },
        afterRead: { id: 'm-2', readAt: at('2026-01-15T00:00:00Z') },
      },
    });
    const { meters, decide } = setup(drop);
    await expect(
      decide({ decision: MeterReadReviewDecision.CORRECT, correctedValue: 1100, reason: 'x' }),
    ).rejects.toMatchObject({
      message:
        'The corrected value must be at least 1,200, the counter at 2026-01-10T00:00:00.000Z.',
    });
    await decide({ decision: MeterReadReviewDecision.EXCLUDE, reason: 'glitch' });
    expect(meters.decided).toEqual([{ id: 'x-1', status: 'REJECTED' }]);
    await expect(decide({ decision: MeterReadReviewDecision.APPROVE })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
