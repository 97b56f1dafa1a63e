#!/usr/bin/env node
// The `tutor` command. The server is TypeScript, run through tsx's loader, so there is no build step to forget.
require("tsx/cjs/api").register();
require("../server/cli/main.ts");
