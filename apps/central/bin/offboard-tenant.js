#!/usr/bin/env node
// `npm run offboard-tenant -- export|delete …`: a dealer's offboarding. Build first (`npm run build`).
import '../dist/platform/offboarding/offboard-main.js';
