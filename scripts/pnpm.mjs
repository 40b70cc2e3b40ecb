// Inside a pnpm script, npm_execpath is the pnpm that runs us, whether installed or fetched by npx:
// a script for node, or (pnpm 12) a native binary. Returns [command, args] for spawnSync.
export function pnpm(args) {
  const execpath = process.env.npm_execpath;
  if (!execpath) return ["pnpm", args];
  return /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath, ...args]] : [execpath, args];
}
