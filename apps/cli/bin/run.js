#!/usr/bin/env node
// oclif's engine check loads ~50 semver modules on every run; fnox declares its engines itself.
process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/main.js');
delete process.env.OCLIF_DISABLE_ENGINE_WARNING;
await main();
