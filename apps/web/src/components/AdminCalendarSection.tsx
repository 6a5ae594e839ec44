import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { useStatusAction } from './actions';
import { Loadable, StatusMessage } from './common';
import { DataTable, Section } from './DataTable';
import { FormField } from './forms';

/**
 * The business calendar on the admin page (issue 13 item 12): the holidays and closure days of a
 * year as the calendar in force computes them, the holiday rules with their effective dates, and
 * the extra closure days (add / remove with If-Match). The API recomputes running clocks.
 */
export function AdminCalendarSection() {
  const { t, lang } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const load = useLoad((signal) => api.adminCalendar(year, signal), [year]);
  const { pending, message, act } = useStatusAction(() => load.reload());
  const [form, setForm] = useState({ date: '', nameDa: '', nameEn: '', reason: '' });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await act(async () => {
      const r = await api.addClosureDay({ date: form.date, nameDa: form.nameDa.trim(), nameEn: form.nameEn.trim(), reason: form.reason.trim() });
      return t('adminCalendar.added', { date: fmtDate(lang, r.closureDay.date), permits: r.recomputed.permitsMoved, ceilings: r.recomputed.ceilingsMoved });
    });
    if (ok) setForm({ date: '', nameDa: '', nameEn: '', reason: '' });
  };

  const field = (key: keyof typeof form, label: MessageKey, type = 'text') => (
    <FormField id={`closure-${key}`} label={t(label)}>
      <input id={`closure-${key}`} className="form-input" type={type} required value={form[key]} maxLength={key === 'reason' ? 500 : 100} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </FormField>
  );

  return (
    <Section id="admin-calendar" title={t('adminCalendar.title')} testId="admin-calendar">
      <p>{t('adminCalendar.intro')}</p>
      <FormField id="calendar-year" label={t('adminCalendar.year')}>
        <input id="calendar-year" className="form-input input-width-xs" type="number" min={1900} max={2200} value={year} onChange={(e) => Number(e.target.value) >= 1900 && Number(e.target.value) <= 2200 && setYear(Number(e.target.value))} />
      </FormField>
      <StatusMessage message={message} />
      <Loadable load={load}>
        {(cal) => (
          <>
            <DataTable
              caption={t('adminCalendar.caption', { year: cal.year })}
              captionVisible
              testId="calendar-days"
              compact
              rows={cal.nonBusinessDays}
              rowKey={(d) => d.date}
              rowProps={(d) => ({ 'data-code': d.code })}
              columns={[
                { header: t('adminCalendar.date'), cell: (d) => fmtDate(lang, d.date), rowHeader: true },
                { header: t('adminCalendar.name'), cell: (d) => (lang === 'da' ? d.nameDa : d.nameEn) },
                { header: t('adminCalendar.kind'), cell: (d) => t(`adminCalendar.kind.${d.kind}` as MessageKey) },
              ]}
            />
            <h3>{t('adminCalendar.closures')}</h3>
            <DataTable
              caption={t('adminCalendar.closures')}
              testId="closure-days"
              empty={t('adminCalendar.noClosures')}
              rows={cal.closureDays}
              rowKey={(c) => c.id}
              rowProps={(c) => ({ 'data-date': c.date })}
              columns={[
                { header: t('adminCalendar.date'), cell: (c) => fmtDate(lang, c.date), rowHeader: true },
                { header: t('adminCalendar.name'), cell: (c) => (lang === 'da' ? c.nameDa : c.nameEn) },
                { header: t('adminCalendar.reason'), cell: (c) => c.reason },
                {
                  header: <span className="sr-only">{t('adminCalendar.remove', { date: '' })}</span>,
                  cell: (c) => (
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={pending}
                      onClick={() =>
                        act(async () => {
                          const r = (await api.removeClosureDay(c.id, c.version)) as { recomputed: { permitsMoved: number; ceilingsMoved: number } };
                          return t('adminCalendar.removed', { permits: r.recomputed.permitsMoved, ceilings: r.recomputed.ceilingsMoved });
                        })
                      }
                    >
                      {t('adminCalendar.remove', { date: fmtDate(lang, c.date) })}
                    </button>
                  ),
                },
              ]}
            />
            <form onSubmit={add} data-testid="add-closure-day">
              <h3>{t('adminCalendar.add')}</h3>
              {field('date', 'adminCalendar.date', 'date')}
              {field('nameDa', 'adminCalendar.nameDa')}
              {field('nameEn', 'adminCalendar.nameEn')}
              {field('reason', 'adminCalendar.reason')}
              <button type="submit" className="button button-primary" disabled={pending}>
                {t('adminCalendar.add')}
              </button>
            </form>
            <h3>{t('adminCalendar.rules')}</h3>
            <DataTable
              caption={t('adminCalendar.rules')}
              testId="holiday-rules"
              compact
              rows={cal.holidayRules}
              rowKey={(r) => r.id}
              rowProps={(r) => ({ 'data-code': r.code })}
              columns={[
                { header: t('adminCalendar.name'), cell: (r) => (lang === 'da' ? r.nameDa : r.nameEn), rowHeader: true },
                { header: t('adminCalendar.kind'), cell: (r) => t(`adminCalendar.kind.${r.kind}` as MessageKey) },
                {
                  header: t('adminCalendar.effective'),
                  cell: (r) => (r.effectiveFrom || r.effectiveTo ? `${r.effectiveFrom ? fmtDate(lang, r.effectiveFrom) : '…'} – ${r.effectiveTo ? fmtDate(lang, r.effectiveTo) : '…'}` : t('adminCalendar.always')),
                },
                { header: t('adminCalendar.source'), cell: (r) => <small>{r.source}</small> },
              ]}
            />
          </>
        )}
      </Loadable>
    </Section>
  );
}
