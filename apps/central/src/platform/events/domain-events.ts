import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';

/** An event as the emitting feature describes it; `data` is the API-shaped object. */
export type DomainEvent = { type: string; data: Record<string, unknown> };

/** Part of the emitter's transaction: what it writes exists exactly when the event's change does. */
export type DomainEventListener = (
  tx: Prisma.TransactionClient,
  events: readonly DomainEvent[],
) => Promise<void>;

/**
 * Where features that react to events (notifications) hear them. Events are produced by
 * `WebhooksService.emit`/`emitMany`, which hands each batch here inside the same transaction,
 * so every event that goes to webhooks reaches these listeners too.
 */
@Injectable()
export class DomainEvents {
  private readonly listeners: DomainEventListener[] = [];

  listen(listener: DomainEventListener): void {
    this.listeners.push(listener);
  }

  async publish(tx: Prisma.TransactionClient, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const listener of this.listeners) await listener(tx, events);
  }
}
