import { Global, Module } from '@nestjs/common';
import { MailDeliveryResolver } from './mail-delivery.resolver.js';
import { Mailer } from './mailer.js';

/** Outgoing e-mail (SMTP via nodemailer) for every feature that sends mail. */
@Global()
@Module({
  providers: [Mailer, MailDeliveryResolver],
  exports: [Mailer],
})
export class MailModule {}
