import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Session } from '../../platform/auth/auth.model.js';
import { User } from './user.model.js';
import { toUser } from './users.service.js';

/** `Session.user`: platform/auth signs the user in, the users module owns the User shape. */
@Resolver(() => Session)
export class SessionUserResolver {
  @ResolveField(() => User)
  user(@Parent() session: Session): User {
    return toUser(session.signedIn);
  }
}
