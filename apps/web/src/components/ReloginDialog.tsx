import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Session } from '../api';
import { useI18n } from '../i18n';
import { LoginError, useRelogin } from './LoginPage';

/**
 * The DKFDS modal (`fds-modal`, role="dialog", aria-modal, labelled by its heading) shown when a
 * request with the session's token is answered 401: the user logs in again as the same user
 * (dev login, or the OpenID provider in a popup: `useRelogin`) without leaving the page, so every form keeps what was typed and the user sends it again. The
 * rest of the page is `inert` while it is open (App), and Tab cycles inside it; it gives focus
 * back to where it was when it closes. Log out ends the session as the header's button does.
 */
export function ReloginDialog({ username, userId, onLoggedIn, onLogout, onClose }: { username: string; userId: string | null; onLoggedIn: (session: Session) => void; onLogout: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const { pending, error, submit } = useRelogin(username, userId, onLoggedIn);
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  // Read while rendering the first time, before the dialog takes focus.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  useEffect(() => {
    document.body.classList.add('modal-open');
    first.current?.focus();
    return () => {
      document.body.classList.remove('modal-open');
      if (before?.isConnected) before.focus();
    };
  }, [before]);

  // Focus stays in the dialog: Tab from the last control goes to the first and back; Escape closes.
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return onClose();
    if (e.key !== 'Tab' || !dialog.current) return;
    const controls = [...dialog.current.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], input:not([disabled])')];
    const [head, tail] = [controls[0], controls[controls.length - 1]];
    if (e.shiftKey && document.activeElement === head) {
      e.preventDefault();
      tail?.focus();
    } else if (!e.shiftKey && document.activeElement === tail) {
      e.preventDefault();
      head?.focus();
    }
  };

  return (
    <>
      <div className="modal-backdrop show" />
      <div ref={dialog} className="fds-modal" id="relogin" role="dialog" aria-modal="true" aria-hidden="false" aria-labelledby="relogin-heading" aria-describedby="relogin-intro" onKeyDown={keys} data-testid="relogin-dialog">
        <div className="modal-content">
          <div className="modal-header">
            <h2 className="modal-title" id="relogin-heading">
              {t('relogin.title')}
            </h2>
            <button type="button" className="modal-close function-link" onClick={onClose}>
              {t('relogin.close')}
            </button>
          </div>
          <form onSubmit={submit} noValidate>
            <div className="modal-body">
              <p id="relogin-intro">{t('relogin.intro')}</p>
              <p>{t('relogin.user', { user: username })}</p>
              <LoginError text={error} />
            </div>
            <div className="modal-footer">
              <button ref={first} type="submit" className="button button-primary" disabled={pending}>
                {pending ? t('login.pending') : t('relogin.submit')}
              </button>
              <button type="button" className="button button-secondary" onClick={onLogout}>
                {t('relogin.logout')}
              </button>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
