import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { installConsoleApi } from './console-api.ts';
import { SessionController } from './session-controller.ts';

const controller = new SessionController();
installConsoleApi(controller);

const params = new URLSearchParams(window.location.search);
const recording = params.get('recording');
if (recording) void controller.openUrl(recording);
else controller.startDemo();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);
