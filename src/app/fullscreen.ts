/** Fullscreen needs a user gesture and may be refused by the browser or an iframe policy: a refusal is said. */
export function enterFullscreen(): void {
  void document.documentElement.requestFullscreen?.().catch((err: unknown) => {
    console.warn('fullscreen was refused:', err instanceof Error ? err.message : String(err));
  });
}

export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else enterFullscreen();
}
