import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clampPercent, supplyColour, supplyLevelOf, TonerBar } from './toner-bar';

describe('TonerBar', () => {
  it('shows a known level as a meter with its percent', () => {
    render(<TonerBar label="Cyan toner" colour="cyan" level={{ kind: 'percent', percent: 42 }} />);
    const meter = screen.getByRole('meter', { name: 'Cyan toner' });
    expect(meter.getAttribute('aria-valuenow')).toBe('42');
    expect(meter.getAttribute('aria-valuetext')).toBe('42%');
    const fill = meter.firstElementChild as HTMLElement;
    expect(fill.style.width).toBe('42%');
    expect(fill.style.backgroundColor).toBe('rgb(0, 163, 224)');
  });

  it('flags a low level', () => {
    render(<TonerBar label="Black toner" colour="black" level={{ kind: 'percent', percent: 7 }} />);
    const meter = screen.getByRole('meter', { name: 'Black toner' });
    expect(meter.getAttribute('aria-valuetext')).toBe('7%, low');
    expect(meter.closest('.toner')?.classList.contains('toner--low')).toBe(true);
  });

  it('clamps what the printer over- or under-reports', () => {
    render(<TonerBar label="Yellow" colour="yellow" level={{ kind: 'percent', percent: 104 }} />);
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('100');
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent(Number.NaN)).toBe(0);
  });

  it('shows "some remaining" without inventing a percent', () => {
    render(<TonerBar label="Magenta toner" colour="magenta" level={{ kind: 'someRemaining' }} />);
    expect(screen.queryByRole('meter')).toBeNull();
    const img = screen.getByRole('img', { name: 'Magenta toner: some remaining' });
    expect(img.querySelector('.toner__pattern')).not.toBeNull();
    expect(img.textContent).not.toMatch(/%/);
  });

  it('shows an unknown level as unknown, empty', () => {
    render(<TonerBar label="Waste toner box" colour={null} level={{ kind: 'unknown' }} />);
    const img = screen.getByRole('img', { name: 'Waste toner box: level unknown' });
    expect(img.children).toHaveLength(0);
    expect(screen.getByText('level unknown')).toBeTruthy();
  });

  it('maps printer colourant names to colours, neutral when unrecognised', () => {
    expect(supplyColour('Black')).toBe('#1f1f1f');
    expect(supplyColour('light cyan')).toBe('#7fd8f5');
    expect(supplyColour('cyan')).toBe('#00a3e0');
    expect(supplyColour('waste')).toBe('#6b7785');
    expect(supplyColour(null)).toBe('#6b7785');
  });
});

describe('supplyLevelOf', () => {
  it('uses the percent when central computed one', () => {
    expect(supplyLevelOf({ percent: 63.4, state: 'OK' })).toEqual({
      kind: 'percent',
      percent: 63.4,
    });
    expect(supplyLevelOf({ percent: 0, state: 'EMPTY' })).toEqual({ kind: 'percent', percent: 0 });
  });

  it('never turns "some remaining" or unknown into a number', () => {
    expect(supplyLevelOf({ percent: null, state: 'SOME_REMAINING' })).toEqual({
      kind: 'someRemaining',
    });
    expect(supplyLevelOf({ percent: null, state: 'UNKNOWN' })).toEqual({ kind: 'unknown' });
    expect(supplyLevelOf({ percent: null, state: null })).toEqual({ kind: 'unknown' });
    expect(supplyLevelOf({ percent: Number.NaN, state: 'LOW' })).toEqual({ kind: 'unknown' });
  });

  it('draws an empty supply as 0 % even without a computed percent', () => {
    expect(supplyLevelOf({ percent: null, state: 'EMPTY' })).toEqual({
      kind: 'percent',
      percent: 0,
    });
  });
});
