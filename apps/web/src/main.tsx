import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// DKFDS Virk theme. Vite rewrites its url("../fonts/…") / url("../img/…") references and emits
// the fonts and icons as hashed assets (dev: served from node_modules via /@fs).
import 'dkfds/dist/css/dkfds-virkdk.css';
import './styles.css';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing in index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
