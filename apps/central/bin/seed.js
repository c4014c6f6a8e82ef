#!/usr/bin/env node
// `npm run seed`: the first platform operator and a demo dealer. Build first (`npm run build`).
import '../dist/seed/seed-main.js';
