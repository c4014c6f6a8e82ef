import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../graphql/graphql.setup.js';
import { ALL_ROLES, CurrentPrincipal, Public, Roles } from './auth.decorators.js';
import { Session } from './auth.model.js';
import { RefreshSessionArgs, SignInArgs, SignOutArgs } from './auth.inputs.js';
import { AuthService, type ClientInfo, type IssuedSession } from './auth.service.js';
import type { Principal } from './principal.js';

@Resolver()
export class AuthResolver {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => Session, {
    description: 'Email + password sign-in; returns an access token and a refresh token.',
  })
  async signIn(@Args() args: SignInArgs, @Context() context: GraphqlContext): Promise<Session> {
    return toPayload(await this.auth.signIn(args, clientInfo(context)));
  }

  @Public()
  @Mutation(() => Session, {
    description: 'Exchanges a refresh token for new tokens; the old refresh token stops working.',
  })
  async refreshSession(
    @Args() args: RefreshSessionArgs,
    @Context() context: GraphqlContext,
  ): Promise<Session> {
    return toPayload(await this.auth.refresh(args.refreshToken, clientInfo(context)));
  }

  @Roles(...ALL_ROLES)
  @Mutation(() => Boolean, {
    description:
      "Ends the current session (and the one of `refreshToken`, if it is the caller's): its refresh token stops working.",
  })
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Args() args: SignOutArgs,
  ): Promise<boolean> {
    await this.auth.signOut(principal, args.refreshToken ?? null);
    return true;
  }
}

function clientInfo({ req }: GraphqlContext): ClientInfo {
  const userAgent = req.headers['user-agent'];
  return {
    ip: req.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
  };
}

function toPayload(session: IssuedSession): Session {
  return {
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshToken: session.refreshToken,
    refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    signedIn: session.user,
  };
}
