import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import {
  BillingExportsDocument,
  CreateBillingExportFileLinkDocument,
  UpdateBillingExportScheduleDocument,
} from '../../generated/graphql';
import { DataTable } from '../../shared/data-table';
import { downloadFrom } from '../../shared/download';
import { formatCount, formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/states';

type ScheduleForm = { enabled: boolean; dayOfMonth: string; recipients: string; bom: boolean };

function recipientsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter(Boolean);
}

/** Why the schedule cannot be saved, as a sentence; null when it can. */
export function scheduleProblem(form: ScheduleForm): string | null {
  const day = Number(form.dayOfMonth);
  if (!Number.isInteger(day) || day < 1 || day > 28)
    return 'The day of the month must be between 1 and 28 (every month has it).';
  const bad = recipientsOf(form.recipients).find((address) => !/^[^@\s]+@[^@\s]+$/.test(address));
  if (bad) return `"${bad}" is not an e-mail address.`;
  return null;
}

/** The monthly export's schedule and every kept export, each downloadable. */
export function BillingExports() {
  const exports = useQuery(BillingExportsDocument);
  const [save, saving] = useMutation(UpdateBillingExportScheduleDocument);
  const [createLink, linking] = useMutation(CreateBillingExportFileLinkDocument);
  const [form, setForm] = useState<ScheduleForm | null>(null);
  const schedule = exports.data?.billingExportSchedule;
  useEffect(() => {
    if (schedule && !form)
      setForm({
        enabled: schedule.enabled,
        dayOfMonth: String(schedule.dayOfMonth),
        recipients: schedule.recipientEmails.join(', '),
        bom: schedule.bom,
      });
  }, [schedule, form]);

  const problem = form ? scheduleProblem(form) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form || problem) return;
    void save({
      variables: {
        input: {
          enabled: form.enabled,
          dayOfMonth: Number(form.dayOfMonth),
          recipientEmails: recipientsOf(form.recipients),
          bom: form.bom,
        },
      },
    }).catch(() => null);
  };
  const download = async (id: string) => {
    const result = await createLink({ variables: { id } }).catch(() => null);
    if (result?.data) downloadFrom(result.data.createBillingExportFileLink.url);
  };

  return (
    <>
      {form && (
        <form className="toolbar filters card" onSubmit={submit} aria-label="Monthly export">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
            />
            Export every month
          </label>
          <div className="field">
            <label htmlFor="export-day">From day of month</label>
            <input
              id="export-day"
              type="number"
              min={1}
              max={28}
              className="input-narrow"
              value={form.dayOfMonth}
              onChange={(event) => setForm({ ...form, dayOfMonth: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="export-recipients">E-mail to</label>
            <input
              id="export-recipients"
              type="text"
              placeholder="billing@example.com, …"
              value={form.recipients}
              onChange={(event) => setForm({ ...form, recipients: event.target.value })}
            />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.bom}
              onChange={(event) => setForm({ ...form, bom: event.target.checked })}
            />
            For Excel (UTF-8 byte order mark)
          </label>
          <button
            type="submit"
            className="button button--primary"
            disabled={problem !== null || saving.loading}
            title={problem ?? undefined}
          >
            Save schedule
          </button>
          {problem && <span className="muted">{problem}</span>}
          {saving.data && !saving.loading && <span className="muted">Saved.</span>}
        </form>
      )}
      {saving.error && <ErrorState error={saving.error} />}
      {linking.error && <ErrorState error={linking.error} />}
      <DataTable
        caption="Kept billing exports"
        rows={exports.data?.billingExportFiles}
        rowKey={(row) => row.id}
        loading={exports.loading}
        error={exports.error}
        onRetry={() => void exports.refetch()}
        emptyTitle="No exports yet: the schedule makes one each month"
        columns={[
          { key: 'file', header: 'File', render: (row) => row.fileName },
          {
            key: 'made',
            header: 'Made',
            render: (row) => (
              <>
                {formatDateTime(row.createdAt)}
                <div className="muted">{row.scheduled ? 'monthly schedule' : 'on request'}</div>
              </>
            ),
          },
          {
            key: 'size',
            header: 'Devices / rows',
            numeric: true,
            render: (row) => `${formatCount(row.deviceCount)} / ${formatCount(row.rowCount)}`,
          },
          {
            key: 'mailed',
            header: 'E-mailed',
            render: (row) => (row.mailedAt ? formatDateTime(row.mailedAt) : '—'),
          },
          {
            key: 'download',
            header: '',
            render: (row) => (
              <button
                type="button"
                className="button button--quiet"
                disabled={linking.loading}
                onClick={() => void download(row.id)}
              >
                Download
              </button>
            ),
          },
        ]}
      />
    </>
  );
}
