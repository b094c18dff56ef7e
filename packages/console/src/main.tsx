import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { consoleLocale } from './locale.ts';
import './styles.css';

// Screen readers and the browser's hyphenation and spell checking follow the console's language.
document.documentElement.lang = consoleLocale;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
