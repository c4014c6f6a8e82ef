/** E-mail wording per locale (English is the default and the fallback); pure rendering. */

export const NOTIFICATION_LOCALES = ['en', 'de'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** What a message says about one event, resolved from the event and its device or agent. */
export type EventView = {
  type: string;
  /** The alert's message or code, the order's supply, the discontinuity's counter. */
  title: string;
  severity: string | null;
  /** "Kyocera ECOSYS M3655idn (SN VCF1234567, 127.0.0.12)", or the agent's host. */
  subject: string;
  customerName: string | null;
  siteName: string | null;
  occurredAt: string;
  timeZone: string;
  link: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

type Catalogue = {
  event: Record<string, (view: EventView) => string>;
  unknownEvent: (view: EventView) => string;
  severity: string;
  customer: string;
  site: string;
  at: string;
  open: string;
  footer: (policy: string) => string;
  digestSubject: (count: number) => string;
  digestIntro: (count: number) => string;
};

const CATALOGUES: Record<NotificationLocale, Catalogue> = {
  en: {
    event: {
      'alert.opened': (v) => `Alert: ${v.title} on ${v.subject}`,
      'alert.closed': (v) => `Cleared: ${v.title} on ${v.subject}`,
      'device.silent': (v) => `Device silent: ${v.subject}`,
      'agent.silent': (v) => `Agent silent: ${v.subject}`,
      'agent.health': (v) => `Agent health: ${v.title} on ${v.subject}`,
      'supply_order.created': (v) => `Supply order: ${v.title} for ${v.subject}`,
      'meter_discontinuity.opened': (v) => `Meter discontinuity: ${v.title} on ${v.subject}`,
      'billing_export.ready': (v) => `Billing export ready: ${v.title}`,
      'reconciliation.changed': (v) => `Reconciliation changed for ${v.subject}: ${v.title}`,
    },
    unknownEvent: (v) => `${v.type}: ${v.title} (${v.subject})`,
    severity: 'Severity',
    customer: 'Customer',
    site: 'Site',
    at: 'When',
    open: 'Open in Printbeat',
    footer: (policy) => `You receive this because of the notification policy "${policy}".`,
    digestSubject: (count) => `Printbeat daily digest: ${count} event${count === 1 ? '' : 's'}`,
    digestIntro: (count) =>
      `${count} event${count === 1 ? '' : 's'} since the last digest, oldest first:`,
  },
  de: {
    event: {
      'alert.opened': (v) => `Alarm: ${v.title} an ${v.subject}`,
      'alert.closed': (v) => `Behoben: ${v.title} an ${v.subject}`,
      'device.silent': (v) => `Gerät meldet sich nicht: ${v.subject}`,
      'agent.silent': (v) => `Agent meldet sich nicht: ${v.subject}`,
      'agent.health': (v) => `Agent-Zustand: ${v.title} an ${v.subject}`,
      'supply_order.created': (v) => `Verbrauchsmaterial bestellt: ${v.title} für ${v.subject}`,
      'meter_discontinuity.opened': (v) => `Zählersprung: ${v.title} an ${v.subject}`,
      'billing_export.ready': (v) => `Abrechnungsexport bereit: ${v.title}`,
      'reconciliation.changed': (v) => `Abgleich geändert für ${v.subject}: ${v.title}`,
    },
    unknownEvent: (v) => `${v.type}: ${v.title} (${v.subject})`,
    severity: 'Schweregrad',
    customer: 'Kunde',
    site: 'Standort',
    at: 'Zeitpunkt',
    open: 'In Printbeat öffnen',
    footer: (policy) =>
      `Sie erhalten diese Nachricht wegen der Benachrichtigungsregel „${policy}“.`,
    digestSubject: (count) =>
      `Printbeat Tagesübersicht: ${count} Ereignis${count === 1 ? '' : 'se'}`,
    digestIntro: (count) =>
      `${count} Ereignis${count === 1 ? '' : 'se'} seit der letzten Übersicht, älteste zuerst:`,
  },
};

export function toLocale(value: string | null | undefined): NotificationLocale {
  return (NOTIFICATION_LOCALES as readonly string[]).includes(value ?? '')
    ? (value as NotificationLocale)
    : 'en';
}

function headline(catalogue: Catalogue, view: EventView): string {
  return (catalogue.event[view.type] ?? catalogue.unknownEvent)(view);
}

function when(locale: NotificationLocale, view: EventView): string {
  const formatted = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: view.timeZone,
  }).format(new Date(view.occurredAt));
  return `${formatted} (${view.timeZone})`;
}

function facts(catalogue: Catalogue, locale: NotificationLocale, view: EventView) {
  return [
    ...(view.severity ? [[catalogue.severity, view.severity]] : []),
    ...(view.customerName ? [[catalogue.customer, view.customerName]] : []),
    ...(view.siteName ? [[catalogue.site, view.siteName]] : []),
    [catalogue.at, when(locale, view)],
  ] as [string, string][];
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function htmlPage(body: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:14px;color:#222">${body}</body></html>`;
}

export function renderEventMail(
  locale: NotificationLocale,
  view: EventView,
  policyName: string,
): RenderedMail {
  const catalogue = CATALOGUES[locale];
  const title = headline(catalogue, view);
  const rows = facts(catalogue, locale, view);
  const text = [
    title,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    `${catalogue.open}: ${view.link}`,
    '',
    '--',
    catalogue.footer(policyName),
    '',
  ].join('\n');
  const html = htmlPage(
    `<h2>${escapeHtml(title)}</h2><table>${rows
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join(
        '',
      )}</table><p><a href="${escapeHtml(view.link)}">${escapeHtml(catalogue.open)}</a></p>` +
      `<p style="color:#777;font-size:12px">${escapeHtml(catalogue.footer(policyName))}</p>`,
  );
  return { subject: title, text, html };
}

export function renderDigestMail(
  locale: NotificationLocale,
  views: readonly EventView[],
  policyName: string,
): RenderedMail {
  const catalogue = CATALOGUES[locale];
  const lines = views.map((view) => ({
    title: headline(catalogue, view),
    at: when(locale, view),
    link: view.link,
  }));
  const text = [
    catalogue.digestIntro(views.length),
    '',
    ...lines.flatMap((line) => [`- ${line.title}`, `  ${line.at}`, `  ${line.link}`]),
    '',
    '--',
    catalogue.footer(policyName),
    '',
  ].join('\n');
  const html = htmlPage(
    `<p>${escapeHtml(catalogue.digestIntro(views.length))}</p><ul>${lines
      .map(
        (line) =>
          `<li><a href="${escapeHtml(line.link)}">${escapeHtml(line.title)}</a><br><small>${escapeHtml(line.at)}</small></li>`,
      )
      .join(
        '',
      )}</ul><p style="color:#777;font-size:12px">${escapeHtml(catalogue.footer(policyName))}</p>`,
  );
  return { subject: catalogue.digestSubject(views.length), text, html };
}
