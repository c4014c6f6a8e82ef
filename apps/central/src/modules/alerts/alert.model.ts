import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';

export enum AlertSeverityEnum {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}
registerEnumType(AlertSeverityEnum, { name: 'AlertSeverity' });

@ObjectType({
  description:
    'A device condition (status bits, alert table) or a silence (agent or device not heard of).',
})
export class Alert {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID, { nullable: true })
  deviceId: string | null;

  @Field(() => ID, { nullable: true })
  agentId: string | null;

  @Field({
    description:
      'JAM, PAPER_OUT, TONER_LOW, TONER_EMPTY, DOOR_OPEN, SERVICE_REQUESTED, AGENT_SILENT, DEVICE_SILENT …',
  })
  code: string;

  @Field(() => AlertSeverityEnum)
  severity: AlertSeverityEnum;

  @Field({ description: 'DEVICE_STATUS | ALERT_TABLE | SILENCE_MONITOR' })
  source: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Who the device says can clear it (prtAlertTrainingLevel, RFC 3805): untrained | trained | fieldService | management | noInterventionRequired | other | unknown; null when it gave none.',
  })
  trainingLevel: string | null;

  @Field()
  openedAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;
}

@ObjectType()
export class AlertConnection extends Connection(Alert) {}
