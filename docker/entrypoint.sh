#!/bin/sh
# Apply pending migrations, then start the API (which serves the web app).
set -eu
node cli.js migrate
exec node --max-old-space-size=192 --max-semi-space-size=32 --no-parallel-scavenge --no-allocation-site-pretenuring main.js
