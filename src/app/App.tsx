import { useEffect, useState } from 'react';
import { DEFAULT_SCENE_ID, SCENES, getScene } from '../../scenes/index.ts';
import { tuningFromQuery } from '../architect/url.ts';
import { DreamCanvas } from './DreamCanvas.tsx';
import { Hud } from './Hud.tsx';
import { PanelControls } from './live/PanelControls.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { SafetyControls } from './SafetyControls.tsx';
import { ScenePicker } from './ScenePicker.tsx';
import { useRecordingDrop } from './use-recording-drop.ts';
import type { SessionController } from './session-controller.ts';

export function App({
  controller,
  manualFrames = false,
}: {
  controller: SessionController;
  manualFrames?: boolean;
}) {
  const dragging = useRecordingDrop(controller);
  const [sceneId] = useState(
    () => new URLSearchParams(window.location.search).get('scene') ?? DEFAULT_SCENE_ID,
  );
  const scene = getScene(sceneId) ?? getScene(DEFAULT_SCENE_ID);
  const [spec] = useState(() => tuningFromQuery(window.location.search, scene?.id ?? DEFAULT_SCENE_ID));
  useEffect(() => {
    if (spec.error) controller.loadError$.next(spec.error);
  }, [controller, spec]);
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
      <DreamCanvas controller={controller} scene={scene} manualFrames={manualFrames} tuning={spec.tuning} />
      <Hud controller={controller} />
      <ScenePicker current={scene.id} />
      <PanelControls controller={controller} />
      <PlaybackBar controller={controller} />
      <SafetyControls controller={controller} />
      {dragging && <div className="drop-overlay">Drop a recording to play it</div>}
    </>
  );
}
