// Presentation mode: a lecturer projects the app. Palette, problems and inspector are hidden, the
// text of the nodes grows, and the run views get most of the screen. Kept in a store of its own
// (not the editor's document), so entering it is never an undoable edit.
import { create } from 'zustand';

type PresentState = { presenting: boolean; toggle(): void; leave(): void };

export const usePresent = create<PresentState>()((set) => ({
  presenting: false,
  toggle: () => set((s) => ({ presenting: !s.presenting })),
  leave: () => set({ presenting: false }),
}));

/**
 * The zoom below which node text would be drawn smaller than 14 px in presentation mode: the
 * smallest node text there is 16 px (styles.css, `.is-presenting .op…`), and 16 × 0.9 = 14.4.
 */
export const PRESENT_MIN_ZOOM = 0.9;
