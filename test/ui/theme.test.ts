import { describe, expect, it } from 'vitest';
import { colourEnabled, createTheme } from '../../source/ui/theme.js';

describe('colour', () => {
  it('is on unless NO_COLOR is set to something', () => {
    expect(colourEnabled({})).toBe(true);
    expect(colourEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colourEnabled({ NO_COLOR: '1' })).toBe(false);
  });

  it('gives no colour at all when off', () => {
    const off = createTheme(false);
    for (const tone of ['accent', 'muted', 'good', 'warning', 'danger'] as const)
      expect(off.tone(tone)).toBeUndefined();
    expect(createTheme(true).tone('danger')).toBe('red');
  });
});
