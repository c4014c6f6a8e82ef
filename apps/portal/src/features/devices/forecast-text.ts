/** What the portal says about a supply forecast (the rule: libs/domain/README.md). */
export type ForecastFacts = {
  available: boolean;
  reason: string | null;
  daysToEmpty: number | null;
  confidence: string | null;
};

export type ForecastDisplay = { text: string; urgent: boolean; confidence: string | null };

const REASONS: Readonly<Record<string, string>> = {
  NO_DATA: 'no readings yet',
  NOT_MEASURABLE: 'level not measurable',
  TOO_FEW_SAMPLES: 'not enough history yet',
  NOT_ENOUGH_HISTORY: 'not enough history yet',
  NO_CONSUMPTION: 'no consumption seen',
};

/** Under a day in hours (a rounded "0 days" would read as empty), then in days. */
export function forecastDisplay(forecast: ForecastFacts): ForecastDisplay {
  if (!forecast.available || forecast.daysToEmpty === null)
    return {
      text: REASONS[forecast.reason ?? ''] ?? 'no forecast',
      urgent: false,
      confidence: null,
    };
  const confidence = forecast.confidence?.toLowerCase() ?? null;
  const days = forecast.daysToEmpty;
  if (days <= 0) return { text: 'empty now', urgent: true, confidence };
  if (days < 1) {
    const hours = Math.max(1, Math.round(days * 24));
    return { text: `~${hours} hour${hours === 1 ? '' : 's'} to empty`, urgent: true, confidence };
  }
  const whole = Math.round(days);
  return {
    text: `~${whole} day${whole === 1 ? '' : 's'} to empty`,
    urgent: whole <= 7,
    confidence,
  };
}
