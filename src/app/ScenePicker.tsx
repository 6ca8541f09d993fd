import type { CSSProperties, ReactNode } from 'react';
import { SCENES } from '../../scenes/index.ts';

const BAR: CSSProperties = {
  position: 'fixed',
  top: 12,
  left: '50%',
  transform: 'translateX(-50%)',
  display: 'flex',
  gap: 6,
  padding: '5px 8px',
  borderRadius: 10,
  background: 'rgba(8, 12, 24, 0.62)',
  fontSize: 12,
};

const LINK: CSSProperties = {
  padding: '4px 10px',
  borderRadius: 8,
  border: '1px solid #3b4a73',
  color: 'inherit',
  textDecoration: 'none',
};

/** `?scene=<id>` with every other query parameter (source, recording, policy) kept. */
export function sceneHref(search: string, id: string): string {
  const q = new URLSearchParams(search);
  q.set('scene', id);
  return `?${q.toString()}`;
}

/** Chooses the dreamscape: each is a link to the same page with `?scene=<id>`, so it can be bookmarked. */
export function ScenePicker({ current, leading }: { current: string; leading?: ReactNode }) {
  return (
    <nav style={BAR} aria-label="Dreamscapes" data-testid="scene-picker">
      {leading}
      {SCENES.map((s) => (
        <a
          key={s.id}
          href={sceneHref(window.location.search, s.id)}
          aria-current={s.id === current ? 'page' : undefined}
          style={s.id === current ? { ...LINK, background: 'rgba(60, 80, 140, 0.7)' } : LINK}
        >
          {s.name}
        </a>
      ))}
    </nav>
  );
}
