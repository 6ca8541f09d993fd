import { PerformanceMonitor } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { Suspense, useEffect, useState } from 'react';
import { DreamEffects, type SceneDefinition, type SceneTuning } from '../../scenes/index.ts';
import { measureFrame, type FrameProbe } from './frame-probe.ts';
import { renderScaleFor } from './render-scale.ts';
import type { SessionController } from './session-controller.ts';

/** Runs the governor once per displayed frame, before the scene reads its parameters. */
function GovernorLoop({ controller }: { controller: SessionController }) {
  useFrame((_, delta) => controller.tick(delta), -1);
  return null;
}

/** Debug virtual frames: hands the controller a stepper that renders n frames of dt seconds each. */
function FrameStepper({ controller }: { controller: SessionController }) {
  const advance = useThree((s) => s.advance);
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    let virtualS = 0;
    let buffer = new Uint8Array(0);
    controller.stepFrames = (n, dtS, probe) => {
      const out: FrameProbe | null = probe ? { luminance: [], redRatio: [], width: 0, height: 0 } : null;
      const context = gl.getContext();
      for (let i = 0; i < n; i++) {
        virtualS += dtS;
        advance(virtualS, true);
        if (out) {
          const m = measureFrame(context, buffer);
          if (buffer.length < m.width * m.height * 4) buffer = new Uint8Array(m.width * m.height * 4);
          out.luminance.push(m.luminance);
          out.redRatio.push(m.redRatio);
          Object.assign(out, { width: m.width, height: m.height });
        }
      }
      return out;
    };
    return () => {
      controller.stepFrames = null;
    };
  }, [advance, gl, controller]);
  return null;
}

export function DreamCanvas({
  controller,
  scene,
  manualFrames = false,
  tuning,
  effects = true,
}: {
  controller: SessionController;
  scene: SceneDefinition;
  /** Palettes and curves from a dreamscape spec (`?spec=`); the scene's own design when absent. */
  tuning?: SceneTuning;
  /** Debug: render only when stepped (virtual frames), never on the display's clock. */
  manualFrames?: boolean;
  /** The bloom (scenes/effects); `?effects=0` turns it off for a weak GPU. */
  effects?: boolean;
}) {
  const Scene = scene.component;
  const [dpr, setDpr] = useState(() => renderScaleFor(1, window.devicePixelRatio));
  return (
    <div className="dreamscape" aria-label={`Dreamscape: ${scene.name}`} role="img">
      <Canvas
        dpr={dpr}
        gl={{ antialias: true, preserveDrawingBuffer: true }}
        // Scenes encode sRGB in their shaders (so the effects' buffer holds what the screen shows): no encoding here.
        linear
        camera={scene.camera}
        data-testid="dreamscape-canvas"
        frameloop={manualFrames ? 'never' : 'always'}
      >
        <GovernorLoop controller={controller} />
        {manualFrames ? (
          <FrameStepper controller={controller} />
        ) : (
          // Virtual frames have no frame rate to adapt to; real ones start at the display's resolution.
          <PerformanceMonitor
            factor={1}
            flipflops={4}
            onChange={({ factor }) => setDpr(renderScaleFor(factor, window.devicePixelRatio))}
            onFallback={() => setDpr(renderScaleFor(0.25, window.devicePixelRatio))}
          />
        )}
        <Suspense fallback={null}>
          <Scene params={controller.sceneStore} tuning={tuning} />
          {effects && <DreamEffects params={controller.sceneStore} bloom={scene.bloom} />}
        </Suspense>
      </Canvas>
    </div>
  );
}
