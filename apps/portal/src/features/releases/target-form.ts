import type { ReleaseChannel, SetAgentUpdateTargetInput } from '../../generated/graphql';

export type TargetScope = 'tenant' | 'customer' | 'agents';

export type TargetFormState = {
  scope: TargetScope;
  customerId: string;
  /** Named agents: each gets its own target, so they update before the rest. */
  agentIds: string[];
  channel: ReleaseChannel;
  /** '' follows the channel's newest release. */
  version: string;
  rolloutPercent: string;
  allowDowngrade: boolean;
};

export const EMPTY_TARGET_FORM: TargetFormState = {
  scope: 'tenant',
  customerId: '',
  agentIds: [],
  channel: 'STABLE',
  version: '',
  rolloutPercent: '100',
  allowDowngrade: false,
};

/** Why the form cannot be saved yet, or null. */
export function targetFormProblem(
  state: TargetFormState,
  publishedVersions: readonly string[],
): string | null {
  if (state.scope === 'customer' && state.customerId === '') return 'Choose a customer.';
  if (state.scope === 'agents' && state.agentIds.length === 0) return 'Choose at least one agent.';
  if (state.version !== '' && !publishedVersions.includes(state.version))
    return `Release ${state.version} is not published.`;
  const percent = Number(state.rolloutPercent);
  if (
    state.rolloutPercent.trim() === '' ||
    !Number.isInteger(percent) ||
    percent < 0 ||
    percent > 100
  )
    return 'The rollout share is a whole number from 0 to 100 %.';
  return null;
}

/** One input per target the form sets (one per named agent). */
export function targetInputs(state: TargetFormState): SetAgentUpdateTargetInput[] {
  const common = {
    channel: state.channel,
    version: state.version === '' ? null : state.version,
    rolloutPercent: Number(state.rolloutPercent),
    allowDowngrade: state.allowDowngrade,
  };
  switch (state.scope) {
    case 'tenant':
      return [{ ...common }];
    case 'customer':
      return [{ ...common, customerId: state.customerId }];
    case 'agents':
      return state.agentIds.map((agentId) => ({ ...common, agentId }));
  }
}
