import { describe, expect, it } from 'vitest';
import { alertTitle, isAgentAlert } from './alert-text';

describe('alertTitle', () => {
  it('names each agent health alert in words', () => {
    expect(alertTitle('AGENT_DISK_LOW')).toBe('Agent disk almost full');
    expect(alertTitle('AGENT_SPOOL_BACKLOG')).toBe('Agent uploads not getting through');
    expect(alertTitle('AGENT_CLOCK_OFF')).toBe('Agent clock is off');
    expect(alertTitle('AGENT_COLLECTION_FAILING')).toBe('Agent cannot read most printers');
  });

  it('turns an unknown code into words rather than showing it raw', () => {
    expect(alertTitle('FUSER_OVER_TEMPERATURE')).toBe('Fuser over temperature');
    expect(alertTitle('')).toBe('Alert');
  });
});

describe('isAgentAlert', () => {
  it('is an alert with an agent and no device', () => {
    expect(isAgentAlert({ deviceId: null, agentId: 'a1' })).toBe(true);
    expect(isAgentAlert({ deviceId: 'd1', agentId: 'a1' })).toBe(false);
    expect(isAgentAlert({ deviceId: null, agentId: null })).toBe(false);
  });
});
