#!/usr/bin/env node
// Simulated printer fleet CLI (see ../README.md). Built code lives in ../dist (npx tsc -b tools/printer-sim).
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv);
