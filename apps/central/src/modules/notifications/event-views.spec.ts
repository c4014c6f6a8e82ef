import type { NotificationEvent, Prisma } from '@prisma/client';
import { eventView } from './event-views.js';
import type { Subjects } from './notifications.repository.js';

const subjects: Subjects = {
  devices: new Map([
    [
      'd1',
      {
        manufacturer: 'Kyocera',
        model: 'ECOSYS M3655idn',
        serialNumber: 'VCF1234567',
        ipAddress: '127.0.0.12',
        siteId: 's1',
      },
    ],
  ]),
  agents: new Map([['a1', { hostname: 'print-gw', siteId: 's2' }]]),
  customers: new Map([['c1', 'Acme']]),
  sites: new Map([
    ['s1', { name: 'HQ', timeZone: 'Europe/Berlin' }],
    ['s2', { name: 'Branch', timeZone: 'Not/AZone' }],
  ]),
};

const event = (eventType: string, data: Prisma.JsonObject): NotificationEvent => ({
  tenantId: 't',
  id: 'e',
  customerId: 'c1',
  eventType,
  data,
  occurredAt: new Date('2026-01-11T12:00:00Z'),
  dispatchedAt: null,
});

const linkTo = (path: string) => `https://portal.test${path}`;

describe('what a message says about an event', () => {
  it('names the device, links its page and reads time in its site zone', () => {
    const view = eventView(
      event('alert.opened', {
        customerId: 'c1',
        deviceId: 'd1',
        message: 'Paper jam',
        severity: 'CRITICAL',
      }),
      subjects,
      'UTC',
      linkTo,
    );
    expect(view).toMatchObject({
      subject: 'Kyocera ECOSYS M3655idn (SN VCF1234567, 127.0.0.12)',
      title: 'Paper jam',
      customerName: 'Acme',
      siteName: 'HQ',
      timeZone: 'Europe/Berlin',
      link: 'https://portal.test/devices/d1',
    });
  });

  it('names an agent by host, links the agents page and falls back from an unknown zone', () => {
    const view = eventView(
      event('agent.silent', { customerId: 'c1', agentId: 'a1', code: 'AGENT_SILENT' }),
      subjects,
      'America/Chicago',
      linkTo,
    );
    expect(view).toMatchObject({
      subject: 'agent print-gw',
      title: 'AGENT_SILENT',
      timeZone: 'America/Chicago',
      link: 'https://portal.test/agents',
    });
  });

  it('describes a supply order and a counter drop', () => {
    expect(
      eventView(
        event('supply_order.created', {
          customerId: 'c1',
          deviceId: 'd1',
          supplyKey: 'toner:black',
          partNumber: 'TK-3190',
        }),
        subjects,
        'UTC',
        linkTo,
      ).title,
    ).toBe('toner:black · TK-3190');
    expect(
      eventView(
        event('meter_discontinuity.opened', {
          customerId: 'c1',
          deviceId: 'd1',
          counter: 'total',
          beforeValue: 100,
          afterValue: 3,
        }),
        subjects,
        'UTC',
        linkTo,
      ).title,
    ).toBe('Total 100 → 3');
    expect(
      eventView(
        event('meter_discontinuity.opened', {
          customerId: 'c1',
          deviceId: 'd1',
          counter: 'vendor:kyocera.singleColor',
          beforeValue: 100,
          afterValue: 3,
        }),
        subjects,
        'UTC',
        linkTo,
      ).title,
    ).toBe('Single-colour pages 100 → 3');
  });
});
