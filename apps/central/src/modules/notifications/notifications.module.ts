import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationDigest } from './notification-digest.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationJobs } from './notification-jobs.js';
import { NotificationPoliciesService } from './notification-policies.service.js';
import { NotificationRecorder } from './notification-recorder.js';
import { NotificationSenderWorker } from './notification-sender.worker.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsResolver } from './notifications.resolver.js';

/** Needs JobsModule, MailModule and EventsModule (global) in the application. */
@Module({
  imports: [AuditModule],
  providers: [
    NotificationsRepository,
    NotificationJobs,
    NotificationRecorder,
    NotificationDispatcher,
    NotificationSenderWorker,
    NotificationDigest,
    NotificationPoliciesService,
    NotificationsResolver,
  ],
  exports: [NotificationDispatcher, NotificationSenderWorker, NotificationDigest],
})
export class NotificationsModule {}
