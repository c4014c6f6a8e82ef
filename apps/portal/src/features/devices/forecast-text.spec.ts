// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { forecastDisplay } from './forecast-text';

const forecast = (daysToEmpty: number) => ({
  available: true,
  reason: null,
  daysToEmpty,
  confidence: 'MEDIUM',
});

describe('forecastDisplay', () => {
  it('shows hours under a day, never "empty now" for a supply that is not empty', () => {
    expect(forecastDisplay(forecast(0.75))).toEqual({
      text: '~18 hours to empty',
      urgent: true,
      confidence: 'medium',
    });
    expect(forecastDisplay(forecast(0.01)).text).toBe('~1 hour to empty');
    expect(forecastDisplay(forecast(0)).text).toBe('empty now');
  });

  it('shows days from a day on, urgent within a week', () => {
    expect(forecastDisplay(forecast(1.2))).toMatchObject({ text: '~1 day to empty', urgent: true });
    expect(forecastDisplay(forecast(20))).toMatchObject({
      text: '~20 days to empty',
      urgent: false,
    });
  });

  it('says why there is no forecast', () => {
    const none = (reason: string) =>
      forecastDisplay({ available: false, reason, daysToEmpty: null, confidence: null });
    expect(none('NOT_ENOUGH_HISTORY')).toEqual({
      text: 'not enough history yet',
      urgent: false,
      confidence: null,
    });
    expect(none('NOT_MEASURABLE').text).toBe('level not measurable');
    expect(none('NO_CONSUMPTION').text).toBe('no consumption seen');
    expect(none('SOMETHING_NEW').text).toBe('no forecast');
  });
});
