import { describe, expect, it } from 'vitest';
import { trainingLevelText } from './training-level';

describe('trainingLevelText', () => {
  it('says who can clear an alert, as the printer says it', () => {
    expect(trainingLevelText('fieldService')).toBe('needs a technician');
    expect(trainingLevelText('untrained')).toBe('anyone can clear it');
    expect(trainingLevelText('noInterventionRequired')).toBe('no action needed');
  });

  it('says nothing when the printer does not know', () => {
    expect(trainingLevelText('unknown')).toBeNull();
    expect(trainingLevelText('other')).toBeNull();
    expect(trainingLevelText(null)).toBeNull();
  });
});
