import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, Public, Roles } from '../../platform/auth/auth.decorators.js';
import type { GraphqlContext } from '../../platform/graphql/graphql.setup.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { EmailChangeService } from './email-change.service.js';
import { InvitationsService } from './invitations.service.js';
import { PasswordResetService } from './password-reset.service.js';
import {
  ConfirmEmailChangeArgs,
  RequestEmailChangeInput,
  RequestPasswordResetArgs,
  SetPasswordByLinkArgs,
} from './user.inputs.js';
import { User } from './user.model.js';

/** Everything done by e-mailed single-use links: password reset, invitations, e-mail change. */
@Resolver()
export class UserLinksResolver {
  constructor(
    @Inject(PasswordResetService) private readonly passwordReset: PasswordResetService,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(EmailChangeService) private readonly emailChange: EmailChangeService,
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'E-mails each account of the address a password-reset link (30 minutes, single use). Always answers true, whether or not the address has an account.',
  })
  async requestPasswordReset(
    @Args() args: RequestPasswordResetArgs,
    @Context() { req }: GraphqlContext,
  ): Promise<boolean> {
    await this.passwordReset.request(args.email, req.ip ?? null);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Sets a new password by a reset link; every session of the user ends.',
  })
  async resetPassword(
    @Args() args: SetPasswordByLinkArgs,
    @Context() { req }: GraphqlContext,
  ): Promise<boolean> {
    await this.passwordReset.reset(args.token, args.newPassword, req.ip ?? null);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'An invited user chooses their password by the invitation link.',
  })
  async acceptInvitation(
    @Args() args: SetPasswordByLinkArgs,
    @Context() { req }: GraphqlContext,
  ): Promise<boolean> {
    await this.invitations.accept(args.token, args.newPassword, req.ip ?? null);
    return true;
  }

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => User, {
    description: 'E-mails a pending user a new invitation link; the previous one stops working.',
  })
  resendInvitation(@Args('userId', { type: () => ID }, IdPipe) userId: string): Promise<User> {
    return this.invitations.resend(userId);
  }

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => User, {
    description: 'Ends a pending user’s invitation link; the user stays, unable to sign in.',
  })
  revokeInvitation(@Args('userId', { type: () => ID }, IdPipe) userId: string): Promise<User> {
    return this.invitations.revoke(userId);
  }

  @Roles(...ALL_ROLES)
  @Mutation(() => Boolean, {
    description:
      'Sends a confirmation link to the new address; the change takes effect when it is followed.',
  })
  async requestEmailChange(
    @Args('input') input: RequestEmailChangeInput,
    @Context() { req }: GraphqlContext,
  ): Promise<boolean> {
    await this.emailChange.request(input, req.ip ?? null);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Follows the link sent to a new address: it becomes the user’s e-mail address.',
  })
  async confirmEmailChange(
    @Args() args: ConfirmEmailChangeArgs,
    @Context() { req }: GraphqlContext,
  ): Promise<boolean> {
    await this.emailChange.confirm(args.token, req.ip ?? null);
    return true;
  }
}
