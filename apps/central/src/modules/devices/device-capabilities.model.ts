import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  actionAvailability,
  type SetOutcome as SetOutcomeName,
  type StoredCapabilities,
} from '@printbeat/domain';
import { CommandType } from '../commands/command-type.enum.js';

export const SetOutcome = {
  ACCEPTED: 'ACCEPTED',
  REFUSED: 'REFUSED',
  NO_ANSWER: 'NO_ANSWER',
  NO_CREDENTIAL: 'NO_CREDENTIAL',
} as const satisfies Record<SetOutcomeName, SetOutcomeName>;

registerEnumType(SetOutcome, {
  name: 'SetOutcome',
  description:
    'How the last action that SETs (reboot) went: ACCEPTED, REFUSED (an SNMP error such as noAccess), NO_ANSWER (silence, as for an unknown community), NO_CREDENTIAL (nothing sent: no write credential configured).',
});

@ObjectType({ description: 'Whether the portal offers a device action, and why not.' })
export class DeviceActionAvailability {
  @Field(() => CommandType)
  type: CommandType;

  @Field()
  available: boolean;

  @Field(() => String, { nullable: true, description: 'Why the action is not offered.' })
  reason: string | null;
}

@ObjectType({
  description:
    "What the device's agent learned running actions (troubleshoot, test page, reboot); null where not known yet.",
})
export class DeviceCapabilities {
  @Field(() => Boolean, {
    nullable: true,
    description: 'The raw print port (9100) accepted a connection.',
  })
  rawPrintPort: boolean | null;

  @Field(() => Date, { nullable: true })
  rawPrintPortCheckedAt: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The raw print port answered @PJL INFO ID.',
  })
  pjl: boolean | null;

  @Field(() => String, { nullable: true, description: 'The model name of the PJL answer.' })
  pjlId: string | null;

  @Field(() => Date, { nullable: true })
  pjlCheckedAt: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "A write community or v3 write user is configured for the device's range on its agent (never a test SET).",
  })
  writeCredential: boolean | null;

  @Field(() => Date, { nullable: true })
  writeCredentialCheckedAt: Date | null;

  @Field(() => SetOutcome, { nullable: true })
  lastSet: SetOutcomeName | null;

  @Field(() => String, { nullable: true })
  lastSetMessage: string | null;

  @Field(() => Date, { nullable: true })
  lastSetAt: Date | null;

  @Field(() => [DeviceActionAvailability], {
    description: 'The device actions and whether each is offered.',
  })
  actions: DeviceActionAvailability[];
}

export function toDeviceCapabilities(stored: StoredCapabilities): DeviceCapabilities {
  const date = (iso: string | undefined) => (iso ? new Date(iso) : null);
  return {
    rawPrintPort: stored.rawPrintPort?.value ?? null,
    rawPrintPortCheckedAt: date(stored.rawPrintPort?.at),
    pjl: stored.pjl?.value ?? null,
    pjlId: stored.pjl?.id ?? null,
    pjlCheckedAt: date(stored.pjl?.at),
    writeCredential: stored.writeCredential?.value ?? null,
    writeCredentialCheckedAt: date(stored.writeCredential?.at),
    lastSet: stored.lastSet?.outcome ?? null,
    lastSetMessage: stored.lastSet?.message ?? null,
    lastSetAt: date(stored.lastSet?.at),
    actions: actionAvailability(stored),
  };
}
