import type { LocalizedText } from '../engine/types';

/** UI strings of this feature, merged into the app's messages (see i18n.svelte.ts). */
export const rulesMessages = {} satisfies Record<string, LocalizedText>;
