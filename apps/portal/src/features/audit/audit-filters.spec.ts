import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersProblem, searchFromFilters, variablesOf } from './audit-filters';

describe('audit filters in the URL', () => {
  it('round-trips through the query string and drops what is not set', () => {
    const search = new URLSearchParams(
      'action=customer.&actorKind=USER&actorId=u1&from=2026-03-01&to=2026-03-31&routine=1',
    );
    const filters = filtersFromSearch(search);
    expect(filters).toEqual({
      action: 'customer.',
      actorKind: 'USER',
      actorId: 'u1',
      fromDay: '2026-03-01',
      toDay: '2026-03-31',
      routine: true,
    });
    expect(searchFromFilters(filters).toString()).toBe(search.toString());
    expect(searchFromFilters(filtersFromSearch(new URLSearchParams())).toString()).toBe('');
  });

  it('ignores values it cannot use instead of sending them', () => {
    expect(filtersFromSearch(new URLSearchParams('actorKind=ROBOT&from=yesterday'))).toMatchObject({
      actorKind: '',
      fromDay: '',
    });
  });

  it('asks central for whole local days, "to" included', () => {
    const variables = variablesOf(
      filtersFromSearch(new URLSearchParams('from=2026-03-01&to=2026-03-31&action=User.Sign_in')),
    );
    expect(variables.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(variables.to).toBe(new Date(2026, 3, 1).toISOString());
    expect(variables.action).toBe('user.sign_in');
    expect(variables.includeRoutine).toBe(false);
  });

  it('says when the days are reversed', () => {
    expect(
      filtersProblem(filtersFromSearch(new URLSearchParams('from=2026-04-02&to=2026-04-01'))),
    ).toMatch(/"from" day is after the "to" day/);
    expect(
      filtersProblem(filtersFromSearch(new URLSearchParams('from=2026-04-01&to=2026-04-01'))),
    ).toBeNull();
  });
});
