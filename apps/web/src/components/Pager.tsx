import { useI18n } from '../i18n';

/**
 * Previous / next paging for a list (issue 19: every list pages). Shows "page x of y" and the
 * total; the buttons are real buttons so keyboard and screen-reader users reach them.
 */
export function Pager({ page, pageSize, total, onPage, label, testId }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string; testId?: string }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return null;
  return (
    <nav className="rl-pager" aria-label={label} data-testid={testId}>
      <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span className="rl-pager-status" aria-live="polite">
        {t('pager.status', { page, pages, total })}
      </span>
      <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
