// Preloaded into a benchmarked codaplay run (`node --import <this> main.js …`): at exit, the process's peak
// resident set size (KiB, from getrusage) goes to the file CODAPLAY_PEAK_RSS_FILE names. Portable where
// /usr/bin/time is not, and it measures the codaplay process alone, not the lab.
import { writeFileSync } from 'node:fs';

const file = process.env.CODAPLAY_PEAK_RSS_FILE;
if (file) process.on('exit', () => { try { writeFileSync(file, String(process.resourceUsage().maxRSS)); } catch { /* the bench says "?" */ } });
