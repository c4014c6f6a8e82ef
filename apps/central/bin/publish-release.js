#!/usr/bin/env node
// `npm run publish-release -- --manifest … --artifact …`: stores a signed agent release. Build first (`npm run build`).
import '../dist/platform/releases/publish-release-main.js';
