import { useCallback, useEffect, useMemo, useState } from 'react';
import { DEFAULT_SCENE_ID, SCENES, getScene } from '../../scenes/index.ts';
import { specToTuning } from '../architect/resolve.ts';
import type { DreamscapeSpec } from '../architect/spec.ts';
import { tuningFromQuery } from '../architect/url.ts';
import { ArchitectPanel } from './architect/ArchitectPanel.tsx';
import { DreamCanvas } from './DreamCanvas.tsx';
import { Hud } from './Hud.tsx';
import { PanelControls } from './live/PanelControls.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { SafetyControls } from './SafetyControls.tsx';
import { SoundControls } from './SoundControls.tsx';
import { ScenePicker } from './ScenePicker.tsx';
import { chooseSceneInPlace } from './start/choose-scene.ts';
import { StartButton, StartScreen, useStartScreen } from './start/StartScreen.tsx';
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
  const start = useStartScreen(controller);
  const [sceneId, setSceneId] = useState(
    () => new URLSearchParams(window.location.search).get('scene') ?? DEFAULT_SCENE_ID,
  );
  const scene = getScene(sceneId) ?? getScene(DEFAULT_SCENE_ID);
  const [effects] = useState(() => new URLSearchParams(window.location.search).get('effects') !== '0');
  const [spec] = useState(() => tuningFromQuery(window.location.search, scene?.id ?? DEFAULT_SCENE_ID));
  useEffect(() => {
    if (spec.error) controller.loadError$.next(spec.error);
  }, [controller, spec]);
  // The dream architect's live preview; it applies only to the scene it was written for.
  const [preview, setPreview] = useState<DreamscapeSpec | null>(null);
  const showPreview = useCallback((next: DreamscapeSpec) => {
    setPreview(next);
    setSceneId(next.scene);
  }, []);
  const previewTuning = useMemo(() => preview && specToTuning(preview), [preview]);
  const tuning = preview?.scene === scene?.id && previewTuning ? previewTuning : spec.tuning;
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
      <DreamCanvas
        key={scene.id}
        controller={controller}
        scene={scene}
        manualFrames={manualFrames}
        tuning={tuning}
        effects={effects}
      />
      <StartScreen
        controller={controller}
        start={start}
        currentScene={scene.id}
        onChooseScene={(id) => chooseSceneInPlace(id, setSceneId)}
      />
      <Hud controller={controller} />
      <ScenePicker current={scene.id} leading={<StartButton start={start} />} />
      <PanelControls controller={controller} />
      <ArchitectPanel controller={controller} sceneId={scene.id} onPreview={showPreview} />
      <PlaybackBar controller={controller} />
      <SafetyControls controller={controller} />
      <SoundControls controller={controller} sceneId={scene.id} preview={preview} />
      {dragging && <div className="drop-overlay">Drop a recording to play it</div>}
    </>
  );
}
