import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { API_KEY_SCOPES } from '../../platform/auth/api-key-scopes.js';
import { Connection } from '../../platform/graphql/pagination.js';

/** GraphQL enum names cannot hold ':'; `meters:read` is `METERS_READ` on the wire. */
export const ApiKeyScopeEnum = Object.fromEntries(
  API_KEY_SCOPES.map((scope) => [scope.replace(':', '_').toUpperCase(), scope]),
) as Record<string, string>;

registerEnumType(ApiKeyScopeEnum, {
  name: 'ApiKeyScope',
  description: 'What an API key may read or change.',
});

@ObjectType({
  description:
    'A service-account key (e.g. for a billing system). The secret is never shown again after creation.',
})
export class ApiKey {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Identifies the key in lists: pb_<prefix>_…' })
  prefix: string;

  @Field(() => [ApiKeyScopeEnum])
  scopes: string[];

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class ApiKeyConnection extends Connection(ApiKey) {}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: 'The key itself, `pb_<prefix>_<secret>`. Shown only in this response.' })
  secret: string;
}
