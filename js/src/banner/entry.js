// entry.js — the banner bundle's entry point, built once per language by
// js/build.mjs with `__LANG__` resolved to ./strings/<lang>.js; the server
// replaces __WAFER_BANNER__ (left as `/*@WAFER_BANNER@*/null`) with the data.
import strings from '__LANG__';
import { start } from './index.js';

start(strings, __WAFER_BANNER__);
