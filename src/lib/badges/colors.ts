/**
 * Level colour family → shields.io colour name. badge-maker and shields endpoint JSON both
 * understand these names, so the SVG and the endpoint badge look the same.
 */
import type { LevelColor } from '../levels';

export const SHIELDS_COLORS: Record<LevelColor, string> = {
  green: 'brightgreen',
  orange: 'orange',
  red: 'red',
  grey: 'lightgrey',
  blue: 'blue',
};
