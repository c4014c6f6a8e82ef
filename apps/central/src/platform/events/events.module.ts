import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.js';

/** The in-process event listeners (one instance per application). */
@Global()
@Module({
  providers: [DomainEvents],
  exports: [DomainEvents],
})
export class EventsModule {}
