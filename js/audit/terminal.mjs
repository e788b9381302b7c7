// terminal.mjs — text measured as a terminal shows it: escape sequences take
// no room, East Asian wide characters and emoji take two columns, combining
// marks none. The progress bar and the table are fitted with these, so no line
// wraps and no stale line is left behind, whatever the terminal's width.

// CSI sequences (colours, erase line) and OSC sequences (titles, links).
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

// East Asian Wide and Fullwidth ranges (Unicode 15, EastAsianWidth.txt),
// merged where adjacent; emoji with emoji presentation are tested apart.
const WIDE = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function wideCodePoint(cp) {
  let lo = 0, hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid][0]) hi = mid - 1;
    else if (cp > WIDE[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const ZERO = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Columns one grapheme cluster takes.
function clusterWidth(g) {
  if (ZERO.test(g)) return 0;
  if (wideCodePoint(g.codePointAt(0)) || EMOJI.test(g)) return 2;
  return 1;
}

export const stripEscapes = (s) => String(s).replace(ESCAPES, '');

// The columns `s` takes on a terminal (escape sequences excluded).
export function displayWidth(s) {
  let w = 0;
  for (const { segment } of segmenter.segment(stripEscapes(s))) w += clusterWidth(segment);
  return w;
}

// `s` cut to at most `width` columns, "…" marking the cut (escapes dropped).
export function fitWidth(s, width) {
  s = stripEscapes(s);
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '', w = 0;
  for (const { segment } of segmenter.segment(s)) {
    const cw = clusterWidth(segment);
    if (w + cw > width - 1) break;
    out += segment;
    w += cw;
  }
  return out + '…';
}

export const padWidth = (s, width) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

// Word-wraps `text` to `width` columns; continuation lines start with
// `indent`. Words longer than a line (URLs) are broken where they must be.
export function wrapWidth(text, width, indent = '') {
  if (!Number.isFinite(width)) return [text];
  const lines = [];
  let line = '', lineW = 0;
  const push = () => {
    lines.push(line.replace(/\s+$/, ''));
    line = indent;
    lineW = displayWidth(indent);
  };
  for (const word of text.split(/(?<= )/)) {  // Each word keeps its trailing space.
    const ww = displayWidth(word.replace(/ $/, ''));
    if (lineW + ww > width && lineW > displayWidth(indent)) push();
    if (lineW + ww <= width) {
      line += word;
      lineW += displayWidth(word);
      continue;
    }
    for (const { segment } of segmenter.segment(word)) {  // Too long for any line.
      const cw = clusterWidth(segment);
      if (lineW + cw > width && lineW > displayWidth(indent)) push();
      line += segment;
      lineW += cw;
    }
  }
  if (line.trim() || !lines.length) lines.push(line.replace(/\s+$/, ''));
  return lines;
}
