import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// DKFDS Virk theme. Vite rewrites its url("../fonts/…") / url("../img/…") references and emits
// the fonts and icons as hashed assets (dev: served from node_modules via /@fs).
import 'dkfds/dist/css/dkfds-virkdk.css';
import './styles.css';
import { App } from './App';

import { finishOidcPopup, isOidcPopupReturn } from './oidc';

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing in index.html');

if (isOidcPopupReturn()) {
  // The re-login popup back from the OpenID provider: hand the answer to the page that opened it
  // (which closes this window); no app in here.
  void finishOidcPopup().catch((err: unknown) => {
    container.textContent = err instanceof Error ? err.message : String(err);
  });
} else {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
