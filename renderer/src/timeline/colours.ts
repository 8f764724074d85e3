/**
 * A colour per name, the same every time and in every view (FNV-1a hash of the name -> hue), light
 * enough for dark text in the light theme and deep enough for light text in the dark one.
 */
const cache = new Map<string, string>();

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type ThemeName = 'light' | 'dark';

export function colourOf(name: string, theme: ThemeName): string {
  const key = `${theme}\u0000${name}`;
  let colour = cache.get(key);
  if (!colour) {
    const h = hash(name);
    const hue = h % 360;
    const saturation = 45 + ((h >>> 9) % 25);
    const lightness = theme === 'light' ? 62 + ((h >>> 17) % 14) : 34 + ((h >>> 17) % 12);
    colour = `hsl(${hue} ${saturation}% ${lightness}%)`;
    cache.set(key, colour);
  }
  return colour;
}

/** Text colour on a span's colour in a theme. */
export function labelColour(theme: ThemeName): string {
  return theme === 'light' ? '#101418' : '#f2f4f7';
}
