import { useState } from 'react';
import { describeError } from '../api/client';
import { StatusMessage } from '../components/common';
import { useI18n } from '../i18n';
import { transparencyApi } from './transparency-api';

/** Issue 16 item 6: the Gantt as PDF and PNG, in the reader's language. */
export function GanttDownloads({ caseId, reference }: { caseId: string; reference: string }) {
  const { t, lang } = useI18n();
  const [pending, setPending] = useState<'pdf' | 'png' | null>(null);
  const [message, setMessage] = useState<{ kind: 'error'; text: string } | null>(null);
  const get = async (format: 'pdf' | 'png') => {
    setPending(format);
    setMessage(null);
    try {
      await transparencyApi.downloadGantt(caseId, format, lang, reference);
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err, t) });
    } finally {
      setPending(null);
    }
  };
  return (
    <div className="mt-4 mb-5" data-testid="gantt-downloads" role="group" aria-label={t('gantt.download.title')}>
      <StatusMessage message={message} />
      <button type="button" className="button button-secondary mr-4" disabled={pending !== null} onClick={() => void get('pdf')} data-testid="gantt-download-pdf">
        {t('gantt.download.pdf')}
      </button>
      <button type="button" className="button button-secondary" disabled={pending !== null} onClick={() => void get('png')} data-testid="gantt-download-png">
        {t('gantt.download.png')}
      </button>
    </div>
  );
}
