#!/usr/bin/env node
// Loopback SMTP sink for tests and the demo (see ../README.md). Built code lives in ../dist.
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv);
