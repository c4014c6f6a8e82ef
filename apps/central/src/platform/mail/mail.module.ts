import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer.js';

/** Outgoing e-mail (SMTP via nodemailer) for every feature that sends mail. */
@Global()
@Module({
  providers: [Mailer],
  exports: [Mailer],
})
export class MailModule {}
