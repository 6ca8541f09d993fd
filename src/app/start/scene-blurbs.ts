/**
 * One line per dreamscape for the start screen's scene cards. Scenes registered without a line here still get
 * a card, with a neutral line, so a new scene never disappears from the start screen.
 */
const BLURBS: Readonly<Record<string, string>> = {
  tide: 'A moonlit sea under a wide sky that gathers into a storm as dread rises.',
  'other-self':
    'A figure that embodies your anxiety: it looms nearer as dread rises and dissolves as you calm.',
  cosmos: 'Aurora and drifting stars that open into a luminous cosmos in moments of wonder.',
};

export function sceneBlurb(id: string): string {
  return BLURBS[id] ?? 'A dreamscape that follows the sleeper’s calm, dread and wonder.';
}
