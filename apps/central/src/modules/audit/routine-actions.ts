/**
 * Agent actions recorded on every poll or upload: thousands a day per agent. The audit log
 * hides them unless asked, so people's changes are not buried.
 */
export const ROUTINE_ACTIONS: readonly string[] = [
  'agent.commands_pull',
  'agent.config',
  'upload.accept',
  'upload.duplicate',
];

export function isRoutineAction(action: string): boolean {
  return ROUTINE_ACTIONS.includes(action);
}
