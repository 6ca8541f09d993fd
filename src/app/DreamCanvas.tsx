import { Canvas, useFrame } from '@react-three/fiber';
import { Suspense } from 'react';
import type { SceneDefinition } from '../../scenes/index.ts';
import type { SessionController } from './session-controller.ts';

/** Runs the governor once per displayed frame, before the scene reads its parameters. */
function GovernorLoop({ controller }: { controller: SessionController }) {
  useFrame((_, delta) => controller.tick(delta), -1);
  return null;
}

export function DreamCanvas({
  controller,
  scene,
}: {
  controller: SessionController;
  scene: SceneDefinition;
}) {
  const Scene = scene.component;
  return (
    <div className="dreamscape" aria-label={`Dreamscape: ${scene.name}`} role="img">
      <Canvas
        dpr={[1, 2]}
        gl={{ antialias: true, preserveDrawingBuffer: true }}
        camera={scene.camera}
        data-testid="dreamscape-canvas"
      >
        <GovernorLoop controller={controller} />
        <Suspense fallback={null}>
          <Scene params={controller.sceneStore} />
        </Suspense>
      </Canvas>
    </div>
  );
}
