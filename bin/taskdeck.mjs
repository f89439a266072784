#!/usr/bin/env node
// The `taskdeck` command: plain JavaScript from dist-server/cli.js, built first when the sources are newer.
import { ensureBuilt } from '../scripts/ensure-built.mjs';

await import(await ensureBuilt());
