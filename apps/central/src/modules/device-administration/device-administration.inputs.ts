import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';

export const DEVICE_TEXT_LIMITS = {
  displayName: 120,
  equipmentId: 64,
  assetTag: 64,
  notes: 2000,
} as const;

const LABELS: Record<keyof typeof DEVICE_TEXT_LIMITS, string> = {
  displayName: 'Display name',
  equipmentId: 'Equipment ID',
  assetTag: 'Asset tag',
  notes: 'Notes',
};

/** Trimmed; empty clears the field (null); absent leaves it as it is. */
function text(field: keyof typeof DEVICE_TEXT_LIMITS) {
  const limit = DEVICE_TEXT_LIMITS[field];
  return z
    .string({ error: `${LABELS[field]} must be text.` })
    .trim()
    .max(limit, {
      error: (issue) =>
        `${LABELS[field]} must be at most ${limit} characters (it has ${String((issue.input as string).length)}).`,
    })
    .transform((value) => (value === '' ? null : value))
    .nullish();
}

/**
 * The rules of UpdateDeviceInput. Not the class's `schema`: the service applies them so that
 * each message is a sentence of its own ("Display name must be at most 120 characters …").
 */
export const UPDATE_DEVICE_RULES = z.object({
  id: idSchema,
  displayName: text('displayName'),
  equipmentId: text('equipmentId'),
  assetTag: text('assetTag'),
  notes: text('notes'),
  siteId: idSchema.nullish(),
});

export type UpdateDeviceChanges = z.infer<typeof UPDATE_DEVICE_RULES>;

@InputType({
  description:
    'What a person sets on a device: a field left out stays as it is, an empty string clears it.',
})
export class UpdateDeviceInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: `The dealer's name for it, at most ${DEVICE_TEXT_LIMITS.displayName} characters.`,
  })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `The dealer's equipment or service ID, at most ${DEVICE_TEXT_LIMITS.equipmentId} characters.`,
  })
  equipmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `At most ${DEVICE_TEXT_LIMITS.assetTag} characters; once set here, uploads no longer overwrite it.`,
  })
  assetTag?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `At most ${DEVICE_TEXT_LIMITS.notes} characters.`,
  })
  notes?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Move it to this site of its own customer; uploads then keep it there whatever the agent's site.",
  })
  siteId?: string | null;
}
