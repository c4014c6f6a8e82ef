import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../../modules/users/user.model.js';

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

  @Field(() => User)
  user: User;
}
