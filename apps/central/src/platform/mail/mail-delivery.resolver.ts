import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/auth.decorators.js';
import { Mailer } from './mailer.js';

@ObjectType({ description: 'Whether central sends e-mail at all.' })
export class MailDelivery {
  @Field({
    description:
      'False when SMTP is not configured: no e-mail is sent (no invitations or reset links).',
  })
  configured: boolean;
}

@Resolver(() => MailDelivery)
export class MailDeliveryResolver {
  constructor(@Inject(Mailer) private readonly mailer: Mailer) {}

  @Public()
  @Query(() => MailDelivery)
  mailDelivery(): MailDelivery {
    return { configured: this.mailer.configured };
  }
}
