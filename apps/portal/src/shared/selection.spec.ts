import { describe, expect, it } from 'vitest';
import { toggled } from './selection';

describe('toggled', () => {
  it('appends an item not chosen yet, keeping the order of the others', () => {
    expect(toggled(['REBOOT', 'TROUBLESHOOT'], 'SEND_METERS')).toEqual([
      'REBOOT',
      'TROUBLESHOOT',
      'SEND_METERS',
    ]);
    expect(toggled([], 'METERS_READ')).toEqual(['METERS_READ']);
  });

  it('removes an item already chosen', () => {
    expect(toggled(['REBOOT', 'TROUBLESHOOT', 'SEND_METERS'], 'TROUBLESHOOT')).toEqual([
      'REBOOT',
      'SEND_METERS',
    ]);
    expect(toggled(['METERS_READ'], 'METERS_READ')).toEqual([]);
  });

  it('leaves the selection it was given unchanged (React state)', () => {
    const selection = Object.freeze(['a', 'b']);
    const next = toggled(selection, 'c');
    expect(next).not.toBe(selection);
    expect(selection).toEqual(['a', 'b']);
  });
});
