import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  AdditiveBlending,
  BackSide,
  NormalBlending,
  PlaneGeometry,
  SphereGeometry,
  Vector3,
  type Group,
} from 'three';
import { useSharedUniformMaterial } from '../other-self/useMaterial';
import type { SceneParamsStore } from '../params';
import { mergeTuning, type SceneTuning } from '../tuning';
import { useSceneCamera } from '../use-scene-camera';
import { COSMOS_CAMERA, GALAXY_DIRECTION } from './camera';
import { createCosmosFrame, stepCosmosFrame } from './frame';
import { createDustGeometry, createGalaxyGeometry, DUST_BOX, GALAXY_RADIUS } from './galaxyGeometry';
import { DEFAULT_COSMOS_TUNING } from './look';
import {
  CORE_FRAGMENT,
  CORE_VERTEX,
  DUST_FRAGMENT,
  DUST_VERTEX,
  GALAXY_FRAGMENT,
  GALAXY_VERTEX,
} from './shaders/galaxy.glsl';
import { NEBULA_FRAGMENT, NEBULA_VERTEX } from './shaders/nebula.glsl';

const DOME_RADIUS = 1500;
const CORE_SIZE = 0.6 * GALAXY_RADIUS;
const GALAXY_AXIS = new Vector3(...GALAXY_DIRECTION).normalize();

/** "Cosmos": floating before a spiral galaxy in a nebula; driven by governed params only. Four draw calls. */
export function CosmosScene({ params, tuning }: { params: SceneParamsStore; tuning?: SceneTuning }) {
  const resolved = useMemo(() => mergeTuning(DEFAULT_COSMOS_TUNING, tuning), [tuning]);
  const frame = useMemo(createCosmosFrame, []);
  const { uniforms, pose, look } = frame;
  const camera = useSceneCamera(COSMOS_CAMERA);
  const galaxyGroup = useRef<Group>(null);

  const geometries = useMemo(
    () => ({
      dome: new SphereGeometry(DOME_RADIUS, 32, 24),
      galaxy: createGalaxyGeometry(),
      core: new PlaneGeometry(1, 1),
      dust: createDustGeometry(),
    }),
    [],
  );
  useEffect(() => () => Object.values(geometries).forEach((g) => g.dispose()), [geometries]);
  const nebula = useSharedUniformMaterial(uniforms, NEBULA_VERTEX, NEBULA_FRAGMENT, {
    side: BackSide,
    depthWrite: false,
  });
  const stars = useSharedUniformMaterial(uniforms, GALAXY_VERTEX, GALAXY_FRAGMENT, {
    blending: AdditiveBlending,
    transparent: true,
    depthWrite: false,
  });
  const core = useSharedUniformMaterial(
    uniforms,
    CORE_VERTEX,
    CORE_FRAGMENT,
    {
      blending: NormalBlending,
      premultipliedAlpha: true,
      transparent: true,
      depthWrite: false,
      depthTest: false,
    },
    { uCoreSize: { value: CORE_SIZE }, uGalaxyRadius: { value: GALAXY_RADIUS } },
  );
  const dust = useSharedUniformMaterial(
    uniforms,
    DUST_VERTEX,
    DUST_FRAGMENT,
    { blending: AdditiveBlending, transparent: true, depthWrite: false },
    { uBox: { value: DUST_BOX } },
  );

  useFrame(({ gl }, delta) => {
    stepCosmosFrame(frame, params.current, delta, resolved);
    gl.getDrawingBufferSize(uniforms.uResolution.value);
    galaxyGroup.current?.position.copy(GALAXY_AXIS).multiplyScalar(look.galaxyDistance);
    camera.position.set(pose.x, pose.y, pose.z);
    camera.rotation.set(pose.pitch, pose.yaw, pose.roll, 'YXZ');
  });

  return (
    <>
      <mesh geometry={geometries.dome} material={nebula} renderOrder={-10} frustumCulled={false} />
      <group ref={galaxyGroup} rotation={[0.42, 0.3, -0.12]}>
        <points geometry={geometries.galaxy} material={stars} scale={GALAXY_RADIUS} frustumCulled={false} />
        <mesh geometry={geometries.core} material={core} renderOrder={2} frustumCulled={false} />
      </group>
      <points geometry={geometries.dust} material={dust} renderOrder={3} frustumCulled={false} />
    </>
  );
}

export default CosmosScene;
