import { useEffect, useState } from 'react';
import { DEFAULT_SCENE_ID, SCENES, getScene } from '../../scenes/index.ts';
import { DreamCanvas } from './DreamCanvas.tsx';
import { Hud } from './Hud.tsx';
import { useRecordingDrop } from './use-recording-drop.ts';
import type { SessionController } from './session-controller.ts';

export function App({ controller }: { controller: SessionController }) {
  const dragging = useRecordingDrop(controller);
  const [sceneId] = useState(
    () => new URLSearchParams(window.location.search).get('scene') ?? DEFAULT_SCENE_ID,
  );
  const scene = getScene(sceneId) ?? getScene(DEFAULT_SCENE_ID);
  useEffect(() => {
    if (!getScene(sceneId)) {
      const known = SCENES.map((s) => s.id).join(', ');
      controller.loadError$.next(
        `Unknown scene '${sceneId}' (known: ${known}); showing ${DEFAULT_SCENE_ID}.`,
      );
    }
  }, [controller, sceneId]);
  if (!scene) throw new Error(`the default scene '${DEFAULT_SCENE_ID}' is not registered`);
  return (
    <>
      <DreamCanvas controller={controller} scene={scene} />
      <Hud controller={controller} />
      {dragging && <div className="drop-overlay">Drop a recording to play it</div>}
    </>
  );
}
