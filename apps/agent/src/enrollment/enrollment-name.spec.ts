import { enrollmentName, MASKED_AGENT_NAME } from './enroll.js';

describe('enrollmentName', () => {
  it("enrolls under the machine's host name when the local config does not mask host names", () => {
    expect(enrollmentName(undefined, 'print-server-07')).toBe('print-server-07');
    expect(enrollmentName('send', 'print-server-07')).toBe('print-server-07');
    expect(enrollmentName(undefined, '')).toBe(MASKED_AGENT_NAME);
  });

  it('sends no host name when the local config hashes or withholds host names', () => {
    expect(enrollmentName('withhold', 'print-server-07')).toBe(MASKED_AGENT_NAME);
    expect(enrollmentName('hash', 'print-server-07')).toBe(MASKED_AGENT_NAME);
  });
});
