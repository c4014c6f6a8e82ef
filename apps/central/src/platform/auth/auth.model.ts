import { Field, ObjectType } from '@nestjs/graphql';
import type { User as UserRow } from '@prisma/client';

@ObjectType({ description: 'A signed-in portal session.' })
export class Session {
  @Field({ description: 'Bearer token for API calls; short-lived.' })
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field({
    description:
      'Opaque; exchange with refreshSession before the access token expires. Single use.',
  })
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;

  /** The signed-in user's row; the users module exposes it as `Session.user`. */
  signedIn: UserRow;
}
