/**
 * Small inline SVG icons, drawn in the text colour at the text size. Emoji and symbol glyphs used as
 * icons (🧠, 📁, ⚙, ▶, ⚠) depend on the fonts a computer has: without an emoji font they show as
 * empty boxes. These are always there and always look the same. Decorative: the control carries
 * the name (a visible label or aria-label), so each icon is aria-hidden.
 */
import type { ReactNode } from 'react';

function Icon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={className ? `ns-icon ${className}` : 'ns-icon'}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Run: a play triangle. */
export function PlayIcon() {
  return (
    <Icon className="ns-icon--fill">
      <path d="M4.5 2.8v10.4a.6.6 0 0 0 .9.5l8.2-5.2a.6.6 0 0 0 0-1L5.4 2.3a.6.6 0 0 0-.9.5z" />
    </Icon>
  );
}

/** Preferences: a gear (eight teeth, a hole in the middle). */
export function GearIcon() {
  return (
    <Icon className="ns-icon--fill">
      <path
        fillRule="evenodd"
        d="M13.48 8.51L15.25 9.49L14.18 12.07L12.23 11.51L11.51 12.23L12.07 14.18L9.49 15.25L8.51 13.48L7.49 13.48L6.51 15.25L3.93 14.18L4.49 12.23L3.77 11.51L1.82 12.07L0.75 9.49L2.52 8.51L2.52 7.49L0.75 6.51L1.82 3.93L3.77 4.49L4.49 3.77L3.93 1.82L6.51 0.75L7.49 2.52L8.51 2.52L9.49 0.75L12.07 1.82L11.51 3.77L12.23 4.49L14.18 3.93L15.25 6.51L13.48 7.49Z M10.4 8a2.4 2.4 0 1 0-4.8 0a2.4 2.4 0 1 0 4.8 0Z"
      />
    </Icon>
  );
}

/** A folder in the file picker. */
export function FolderIcon() {
  return (
    <Icon className="ns-icon--large">
      <path d="M1.8 4.2c0-.6.5-1 1-1h3.4l1.5 1.5h5.5c.6 0 1 .5 1 1v6.9c0 .6-.4 1-1 1H2.8c-.5 0-1-.4-1-1z" />
    </Icon>
  );
}

/** A .neuro circuit file: a page with a spike on it. */
export function CircuitFileIcon() {
  return (
    <Icon className="ns-icon--large">
      <path d="M3.5 1.5h6l3 3v10h-9z" />
      <path d="M9.5 1.5v3h3" />
      <path d="M4.8 10.5h1.7l1-4 1.4 6 1-2h1.3" />
    </Icon>
  );
}

/** The minimap toggle: a folded map. */
export function MapIcon() {
  return (
    <Icon>
      <path d="M1.5 3.8l4-1.6 5 1.6 4-1.6v10l-4 1.6-5-1.6-4 1.6z" />
      <path d="M5.5 2.2v10M10.5 3.8v10" />
    </Icon>
  );
}

/** A warning triangle. */
export function WarningIcon() {
  return (
    <Icon>
      <path d="M8 2.2l6.2 11H1.8z" />
      <path d="M8 6.5v3.2M8 11.3v.2" />
    </Icon>
  );
}

/** A side panel's collapse toggle: a chevron pointing left (collapse a left panel) or right. */
export function ChevronIcon({ direction }: { direction: 'left' | 'right' }) {
  return (
    <Icon>
      <path d={direction === 'left' ? 'M10 3.5L5.5 8l4.5 4.5' : 'M6 3.5L10.5 8 6 12.5'} />
    </Icon>
  );
}
