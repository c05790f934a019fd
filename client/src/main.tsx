import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import './styles.css';

initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// No <StrictMode>: its double-run effects would call getUserMedia twice and join LiveKit twice.
createRoot(root).render(<App />);
