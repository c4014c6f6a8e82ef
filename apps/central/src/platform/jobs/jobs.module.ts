import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.js';

/** The process's pg-boss queue, for every feature that runs background work. */
@Global()
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
