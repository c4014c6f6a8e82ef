import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { MaskingMode as MaskingModeName } from '@prisma/client';
import { z } from 'zod';
import { idSchema as uuid } from '../../platform/graphql/id.pipe.js';

/** The database enum as a GraphQL enum; values spelled out (modules never import Prisma values). */
export const MaskingMode = {
  SEND: 'SEND',
  HASH: 'HASH',
  WITHHOLD: 'WITHHOLD',
} as const satisfies Record<MaskingModeName, MaskingModeName>;
export type MaskingMode = MaskingModeName;

registerEnumType(MaskingMode, {
  name: 'MaskingMode',
  description:
    'What agents do with a group of values before an upload leaves the site: SEND it, HASH it (HMAC-SHA-256 with the customer key, so a device stays recognisable) or WITHHOLD it.',
  valuesMap: {
    SEND: { description: 'Sent as it is.' },
    HASH: { description: 'Replaced with a keyed token such as `ip-3f9a0c12d4e5b6a7`.' },
    WITHHOLD: { description: 'Left out.' },
  },
});

@ObjectType({ description: 'Masking per group of identifying values.' })
export class MaskingSettings {
  @Field(() => MaskingMode, { description: 'IP addresses: fields, polling addresses, free text.' })
  ip!: MaskingMode;

  @Field(() => MaskingMode, { description: 'MAC addresses: fields and free text.' })
  mac!: MaskingMode;

  @Field(() => MaskingMode, { description: 'Host names of printers and of the agent machine.' })
  hostname!: MaskingMode;

  @Field(() => MaskingMode, { description: 'sysContact and sysLocation.' })
  contactLocation!: MaskingMode;
}

@ObjectType({
  description:
    "A customer's masking: its own settings, its dealer's, and what its agents apply (per group the stricter).",
})
export class CustomerMaskingSettings {
  @Field(() => ID)
  customerId!: string;

  @Field(() => MaskingSettings)
  customer!: MaskingSettings;

  @Field(() => MaskingSettings)
  tenant!: MaskingSettings;

  @Field(() => MaskingSettings)
  effective!: MaskingSettings;
}

const mode = z.enum(MaskingMode).optional();
const policySchema = { ip: mode, mac: mode, hostname: mode, contactLocation: mode };

@InputType({ description: 'Groups left out stay as they are.' })
export class MaskingSettingsInput {
  static readonly schema = z.object(policySchema);

  @Field(() => MaskingMode, { nullable: true })
  ip?: MaskingMode;

  @Field(() => MaskingMode, { nullable: true })
  mac?: MaskingMode;

  @Field(() => MaskingMode, { nullable: true })
  hostname?: MaskingMode;

  @Field(() => MaskingMode, { nullable: true })
  contactLocation?: MaskingMode;
}

@InputType({ description: 'Groups left out stay as they are.' })
export class CustomerMaskingSettingsInput extends MaskingSettingsInput {
  static override readonly schema = z.object({ customerId: uuid, ...policySchema });

  @Field(() => ID)
  customerId!: string;
}
